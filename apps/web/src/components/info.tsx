/**
 * An info note: a small focusable button whose description shows on hover and on keyboard focus (CSS only, no
 * inline style), and which assistive technology reads as the button's description.
 */
import { useId } from "preact/hooks"
import { t } from "../i18n/index.ts"

/** The note beside a label: `label` names the button, `text` is what it explains. */
export const InfoTip = ({ label, text }: { readonly label: string; readonly text: string }) => {
  const id = useId()
  return (
    <span class="tip">
      <button type="button" class="tip-button" aria-label={label} aria-describedby={id}>{t().app.infoIcon}</button>
      <span class="tip-text" role="tooltip" id={id}>{text}</span>
    </span>
  )
}
