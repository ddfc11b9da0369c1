/**
 * The Schedules section's words in Simplified Chinese (GLOSSARY.md: Schedules = 定时发送), typed as the English
 * part of the catalogue so a missing or extra key fails the typecheck.
 */
import type { schedulesEn } from "./schedules.en.ts"

export const schedulesZhCN: typeof schedulesEn = {
  heading: "定时发送",
  intro: "定时发送会在每个发送时间(按其自身的时区)生成报告，并通过电子邮件向您发送报告链接。",
  sendEvery: "定期发送此报告…",
  fromCurrent: "已按当前设置填写；创建前可修改任何一项。",
  report: "报告",
  scope: "范围",
  format: "格式",
  timezone: "时区",
  minimum: "最短咨询时长(分钟)",
  minimumHint: "留空：每次运行时使用组织配置的最短咨询时长。",
  range: "每次运行的日期范围",
  ranges: {
    previous_day: "前一天",
    previous_week: "上一周(周一至周日)",
    previous_month: "上个月",
    month_to_date: "本月至今",
    last_n_days: "最近 N 天"
  },
  days: "天数(N)",
  repeat: "重复",
  kinds: { daily: "每天", weekly: "每周", monthly: "每月", cron: "Cron 表达式" },
  weekday: "星期",
  dayOfMonth: "每月的日期",
  time: "时间",
  cron: "Cron 表达式(5 个字段，按定时发送的时区)",
  cronHint: "分钟、小时、日、月、星期；例如 30 7 * * 1-5。",
  weekdays: { Mon: "星期一", Tue: "星期二", Wed: "星期三", Thu: "星期四", Fri: "星期五", Sat: "星期六", Sun: "星期日" },
  create: "创建定时发送",
  creating: "正在创建…",
  created: (title: string) => `已创建定时发送：${title}。`,
  listHeading: "您的定时发送",
  empty: "您还没有定时发送。",
  loadFailed: (message: string) => `无法加载定时发送：${message}`,
  describeRange: {
    previous_day: "前一天",
    previous_week: "上一周",
    previous_month: "上个月",
    month_to_date: "本月至今",
    last_n_days: (n: number) => `最近 ${n} 天`
  },
  describeRecurrence: {
    daily: (time: string) => `每天 ${time}`,
    weekly: (day: string, time: string) => `每${day} ${time}`,
    monthly: (day: number, time: string) => `每月 ${day} 日 ${time}`,
    cron: (expression: string) => `Cron ${expression}`
  },
  summary: (recurrence: string, range: string) => `${recurrence}，涵盖${range}`,
  details: { scope: "范围", format: "格式", timezone: "时区", minimum: "最短咨询时长", language: "语言", lastRun: "上次运行", status: "状态" },
  organisationDefault: "组织的设置",
  minutes: (n: string) => `${n} 分钟`,
  next: (zone: string) => `接下来的五个发送时间(${zone})`,
  noNext: "暂停期间没有。",
  never: "尚未运行",
  late: "延迟",
  skipped: (n: number) => `停机期间错过 ${n} 次`,
  openEntry: "在历史记录中打开",
  statuses: { active: "启用", paused: "已暂停" },
  pausedByOwner: "已由您暂停。",
  accessLost: "已暂停：您已无权访问此定时发送的组织或诊所；未生成任何报告。",
  cannotGenerate: (detail: string) => `已暂停：无法生成报告(${detail})。`,
  pause: "暂停",
  resume: "恢复",
  remove: "删除",
  pauseLabel: (title: string) => `暂停${title}`,
  resumeLabel: (title: string) => `恢复${title}`,
  removeLabel: (title: string) => `删除${title}`,
  confirmRemove: (title: string) => `删除定时发送“${title}”?其历史记录会保留。`,
  confirm: "删除定时发送",
  cancel: "取消",
  paused: (title: string) => `已暂停${title}。`,
  resumed: (title: string) => `已恢复${title}。`,
  removed: (title: string) => `已删除${title}。`,
  invalid: {
    time: "请按 HH:MM 输入时间，例如 08:00",
    days: "请输入 1 到 366 之间的整数天数",
    cron: "请输入 5 个字段的 Cron 表达式，例如 30 7 * * 1",
    timezone: "请输入 IANA 时区，例如 Australia/Sydney",
    minimum: "请输入 0 到 1440 之间的分钟数(用数字书写，例如 5 或 2.5)，或留空"
  }
}
