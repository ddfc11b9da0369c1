/**
 * Every word the page shows, in Simplified Chinese (R80), following `GLOSSARY.md`; where it has no term, the
 * plain common word, the same everywhere. Typed as the English catalogue: a missing or extra key fails the
 * typecheck, and so the build. Only words are here: values, ids, numbers and instants never change with the locale.
 */
import type { Messages } from "./en.ts"
import { schedulesZhCN } from "./schedules.zh-CN.ts"

export const zhCN: Messages = {
  locale: "zh-CN",
  app: { title: "报告", product: "vcr 报告", infoIcon: "i", signedInAs: (who: string) => `已登录：${who}`, loading: "正在加载…" },
  nav: { label: "栏目", reports: "报告", history: "历史记录", configuration: "报告配置", signOut: "退出登录", schedules: "定时发送" },
  signIn: {
    heading: "登录 vcr 报告",
    signedOut: "您尚未登录。",
    intro: "请输入您帐户的电子邮件地址，我们将向您发送一次性登录链接。",
    afterLink: "登录后，您将回到您打开的报告。",
    email: "电子邮件地址",
    submit: "通过电子邮件向我发送登录链接",
    sending: "正在发送…",
    sent: (email: string) => `如果 ${email} 属于某个帐户，登录链接已在发送途中。该链接只能使用一次，有效期 15 分钟。`,
    emailRequired: "请输入您的电子邮件地址",
    emailInvalid: "请输入类似 name@example.org 的电子邮件地址",
    tooMany: (seconds: string) => `请求过多：请在 ${seconds} 秒后重试。`,
    linkHeading: "登录 vcr 报告",
    linkIntro: "此一次性链接将在此浏览器上为您登录。",
    linkButton: "登录",
    linkFailed: "登录失败。",
    requestAnother: "重新申请登录链接"
  },
  settings: {
    heading: "设置",
    organisation: "组织",
    scope: "范围",
    wholeOrganisation: "整个组织",
    clinic: (name: string) => `诊所：${name}`,
    period: "期间",
    presets: { last7: "最近 7 天", lastMonth: "上个月", thisMonth: "本月", custom: "自定义" },
    from: "开始日期",
    to: "结束日期",
    timezone: "时区",
    minimum: "最短咨询时长(分钟)",
    generate: "生成",
    generating: "正在生成…",
    noRoles: "您没有可查看报告的角色。"
  },
  validation: {
    dateRequired: (field: string) => `${field === "from" ? "开始日期" : "结束日期"}为必填项`,
    dateInvalid: (field: string) => `${field === "from" ? "开始日期" : "结束日期"}必须是类似 2026-03-02 的日期`,
    toBeforeFrom: "结束日期不能早于开始日期",
    timezoneRequired: "时区为必填项",
    timezoneUnknown: (zone: string) => `时区必须是 IANA 时区，例如 Australia/Sydney(输入为 ${zone})`,
    fromTooEarly: (earliest: string) => `开始日期必须是 ${earliest} 或之后`,
    toInFuture: (today: string, zone: string) => `结束日期不能晚于 ${zone} 的今天(${today})`,
    minimumInvalid: "最短咨询时长必须是用数字书写的分钟数，例如 5 或 2.5",
    minimumRange: "最短咨询时长必须在 0 到 1440 分钟之间",
    summary: (n: number) => `有 ${n} 个字段需要修改。`
  },
  categories: { entities: "实体", roles: "角色", activities: "活动" },
  tiles: {
    heading: "摘要",
    range: (scope: string, from: string, to: string, zone: string) => `${scope} · ${from} 至 ${to} · ${zone}`,
    open: (title: string) => `预览${title}`,
    about: (label: string) => `关于${label}`,
    previous: (value: string) => `上一周期 ${value}`,
    change: (percent: string) => `与上一周期相比 ${percent}`,
    noChange: "与上一周期相比无变化",
    newActivity: "上一周期没有，本周期新增",
    fullValue: (value: string) => `精确值：${value}`
  },
  figures: {
    organisations: {
      organisations: { label: "组织", description: "组织报告的行：范围内的组织。" },
      user_accounts: { label: "用户帐户", description: "用户帐户之和：在范围结束时未停用、并在该组织或其任一诊所中至少拥有一个角色的不同帐户数" },
      waiting_areas: { label: "等候区", description: "等候区之和：在范围结束时存在的诊所(每个诊所一个等候区)" },
      consultations: { label: "咨询次数", description: "咨询次数之和：在范围内进入该组织等候区的计入会话(已接听，咨询时长不少于最短咨询时长)" },
      consultation_duration: { label: "咨询时长", description: "咨询时长之和：这些会话在其所有片段中的咨询时长总和" }
    },
    clinics: {
      clinics: { label: "诊所", description: "诊所报告的行：在范围内任一时刻存在的诊所。" },
      clinics_with_consultations: { label: "有咨询的诊所", description: "咨询次数大于 0 的诊所。" },
      abandoned_calls: { label: "已放弃的呼叫", description: "已放弃的呼叫之和：范围内该诊所中呼叫者在等待时离开、从未被接听且未被转接的会话片段(不适用最短咨询时长)" },
      transfers_out: { label: "转出次数", description: "转出次数之和：从该诊所转接出去的计入会话片段" }
    },
    "service-providers": {
      service_providers: { label: "服务提供商", description: "服务提供商报告中的不同服务提供商(用户 ID)。" },
      service_providers_consulted: { label: "已进行咨询的服务提供商", description: "咨询次数大于 0 的不同服务提供商。" }
    },
    "service-provider-summary": {
      total: { label: "合计", description: "所有服务提供商一行，合计：在范围结束时拥有该角色的不同帐户数(不含已停用帐户)" },
      new: { label: "新", description: "所有服务提供商一行，新：在范围内获得该角色的不同帐户数" },
      deactivated: { label: "停用", description: "所有服务提供商一行，停用：在范围内角色被撤销、或在拥有该角色时帐户被停用的不同帐户数" },
      logged_in: { label: "登录", description: "所有服务提供商一行，登录：在范围内拥有该角色并在范围内登录过的不同帐户数" },
      active: { label: "活跃", description: "所有服务提供商一行，活跃：在范围内拥有该角色，并在计入会话中进行过咨询(作为主持人，与呼叫者一起)或作为主持人加入过计入房间通话的不同帐户数" }
    },
    "room-calls": {
      room_calls: { label: "房间通话", description: "范围内达到最短咨询时长的不同房间通话(通话 ID)。" },
      room_call_duration: { label: "房间通话时长", description: "这些通话的通话时长之和：从通话开始到通话结束" }
    },
    consultations: {
      consultations: { label: "咨询次数", description: "等候区咨询报告中达到最短咨询时长并已接听的不同会话(会话 ID)，无论有多少片段或诊所，每个会话只计一次。" },
      consultation_duration: { label: "咨询时长", description: "这些会话的不同片段的咨询时长之和：片段中至少一位呼叫者和一位主持人同时在场的时长" },
      abandoned: { label: "已放弃", description: "不同的已放弃片段，已放弃：呼叫者在等待时离开：从未被接听且未被转接" },
      transferred: { label: "已转接", description: "这些会话中有转接时间的不同片段：呼叫者被转到另一个等候区。" },
      average_wait_duration: { label: "平均等待时长", description: "这些会话的不同已接听片段的等待时长平均值，等待时长：片段从进入到接听的时间；从未接听则为从进入到呼叫者离开或被转接的时间" },
      p90_wait_duration: { label: "P90 等待时长", description: "十分之九的已接听片段等待时间不超过此值(最近秩)——等待时长：片段从进入到接听的时间；从未接听则为从进入到呼叫者离开或被转接的时间" }
    }
  },
  reportTitles: {
    organisations: "组织", clinics: "诊所(等候区)", "service-providers": "服务提供商",
    "service-provider-summary": "服务提供商摘要", "room-calls": "会议和用户室通话", consultations: "等候区咨询"
  },
  longRange: {
    notice: "此范围为两个月或更长。摘要图块只对较短的范围显示；较长的报告会在后台生成，并通过电子邮件向您发送链接。",
    reports: "此范围的报告"
  },
  empty: {
    heading: "此范围内没有活动",
    body: (from: string, to: string) => `${from} 至 ${to} 之间没有咨询或房间通话。请尝试更长的期间或其他范围。`
  },
  trends: {
    heading: "趋势",
    bucket: "期间",
    per: { day: "按天", week: "按周", month: "按月" },
    consultations: "咨询次数",
    consultationTime: "咨询时长(小时)",
    waits: "等待时长(分钟)",
    average: "平均",
    p90: "P90",
    abandonedTransferred: "已放弃和已转接",
    abandoned: "已放弃",
    transferred: "已转接",
    roomCalls: "房间通话",
    byClinic: "各诊所咨询次数",
    clinic: "诊所",
    total: "合计",
    previous: (from: string, to: string) => `上一周期：${from} 至 ${to}`,
    thisPeriod: "本周期",
    previousPeriod: "上一周期",
    change: "变化",
    failed: (message: string) => `无法显示趋势：${message}`,
    chartLabel: (title: string, per: string, n: number) => `${title}(${per})，${n} 个数据点`
  },
  actions: {
    format: (title: string) => `${title}的格式`,
    download: "下载",
    downloadLabel: (title: string) => `下载${title}`,
    email: "电子邮件",
    emailLabel: (title: string) => `通过电子邮件发送${title}`,
    preparing: "正在准备…",
    preparingReport: (report: string) => `正在准备${report}…`,
    downloaded: (file: string) => `已下载 ${file}。`,
    emailed: (report: string, address: string) => `${report}准备好后，其链接将通过电子邮件发送到 ${address}。`,
    yourAddress: "您的地址"
  },
  preview: {
    heading: (title: string) => `${title}：前几行`,
    shown: (shown: number, total: number) => `显示 ${total} 行中的 ${shown} 行。下载报告可查看全部行。`,
    none: "在这些设置下，此报告没有行。",
    close: "关闭",
    loading: "正在加载预览…",
    columnInfo: (header: string) => `关于“${header}”列`,
    yes: "是",
    no: "否"
  },
  history: {
    heading: "历史记录(最近 24 小时)",
    report: "报告",
    range: "范围",
    requested: (zone: string) => `请求时间(${zone})`,
    delivery: "交付方式",
    status: "状态",
    action: "操作",
    again: (title: string) => `再次下载${title}`,
    download: "下载",
    empty: "最近 24 小时内没有报告。",
    expired: "此报告已过期：报告保留 24 小时。",
    notFound: "未找到此报告。",
    entry: (title: string, from: string, to: string, status: string) => `${title}，${from} – ${to}：${status}`,
    statuses: { queued: "排队中", generating: "正在生成", ready: "已就绪", failed: "失败", expired: "已过期" },
    deliveries: { download: "下载", email: "电子邮件" }
  },
  configuration: {
    heading: "报告配置",
    tags: "标签(每行一个：键 = 标签名)",
    bandwidth: "显示带宽列",
    timezone: "默认时区",
    minimum: "默认最短咨询时长(分钟)",
    save: "保存",
    saved: "已保存。"
  },
  units: { hours: "小时", minutes: "分钟", seconds: "秒", none: "–" },
  errors: { requestFailed: (status: number) => `请求失败(${status})` },
  language: { label: "语言", names: { en: "English", "zh-CN": "简体中文" } },
  schedules: schedulesZhCN
}
