/**
 * The Simplified Chinese (zh-CN) catalogue of core (R80): report titles, grains, column headers and field
 * descriptions by column key, the bandwidth and tag columns' text, and the words of the workbook. Terms follow
 * `GLOSSARY.md`; where it has none, the plain common word, used the same way everywhere. Only words are here:
 * column keys, values, numbers and instants never change with the locale.
 *
 * Each report's table is checked against its columns where the report is declared (`Report.make`'s
 * `translations`): a missing column fails the typecheck; the catalogue test also refuses extra keys.
 */
import type { Messages } from "../Messages.ts"

/** Report text by report id. */
export const reports = {
  organisations: {
    title: "组织",
    grain: "范围内每个组织一行",
    columns: {
      organisation_id: { header: "组织 ID", description: "组织的固定标识符" },
      organisation_name: { header: "组织", description: "组织名称" },
      state: { header: "州", description: "组织所在的州" },
      specialty: { header: "专业", description: "组织的专业" },
      contract: { header: "合同", description: "组织的合同" },
      created_time: { header: "创建时间", description: "组织的创建时间" },
      deleted_time: { header: "删除时间", description: "组织的删除时间；未删除则为空" },
      user_accounts: { header: "用户帐户", description: "在范围结束时未停用、并在该组织或其任一诊所中至少拥有一个角色的不同帐户数" },
      waiting_areas: { header: "等候区", description: "在范围结束时存在的诊所(每个诊所一个等候区)" },
      new_waiting_areas: { header: "新等候区", description: "在范围内创建的诊所" },
      deleted_waiting_areas: { header: "已删除的等候区", description: "在范围内删除的诊所" },
      service_providers_consulted: { header: "已进行咨询的服务提供商", description: "在范围内的计入会话中，作为主持人与呼叫者在一起的不同帐户数" },
      consultations: { header: "咨询次数", description: "在范围内进入该组织等候区的计入会话(已接听，咨询时长不少于最短咨询时长)" },
      consultation_duration: { header: "咨询时长", description: "这些会话在其所有片段中的咨询时长总和" },
      meeting_rooms: { header: "会议室", description: "在范围结束时存在的各类房间(会议室、群组室、用户室)" },
      new_meeting_rooms: { header: "新会议室", description: "在范围内创建的各类房间" },
      deleted_meeting_rooms: { header: "已删除的会议室", description: "在范围内删除的各类房间" },
      room_calls: { header: "房间通话", description: "在范围内开始且时长不少于最短咨询时长的房间通话" },
      room_call_duration: { header: "房间通话时长", description: "这些房间通话的时长总和" }
    }
  },
  clinics: {
    title: "诊所(等候区)",
    grain: "范围内任一时刻存在的每个诊所一行",
    columns: {
      organisation_name: { header: "组织", description: "诊所所属组织的名称" },
      clinic_id: { header: "诊所 ID", description: "诊所的固定标识符" },
      clinic_name: { header: "诊所", description: "诊所名称" },
      subdomain: { header: "诊所子域", description: "诊所的子域" },
      waiting_area_status: { header: "等候区状态", description: "当前配置的 Open(开放)或 Closed(关闭)" },
      state: { header: "州", description: "诊所所在的州" },
      specialty: { header: "专业", description: "诊所的专业" },
      contract: { header: "合同", description: "诊所的合同" },
      consultation_name: { header: "咨询名称", description: "该诊所中咨询的名称" },
      created_time: { header: "创建时间", description: "诊所的创建时间" },
      deleted_time: { header: "删除时间", description: "诊所的删除时间；未删除则为空" },
      last_consultation_time: { header: "上次咨询", description: "在范围结束前进入的最近一次计入会话在该诊所的接听时间(包括更早的日期)；没有则为空" },
      members: { header: "诊所成员", description: "在范围结束时在该诊所拥有角色的不同帐户数(不含已停用帐户)" },
      members_consulted: { header: "已进行咨询的成员", description: "在范围内的计入会话中，作为该诊所的主持人与呼叫者在一起的不同帐户数" },
      new_members: { header: "新诊所成员", description: "在范围内获得该诊所角色的不同帐户数" },
      consultations: { header: "咨询次数", description: "在范围内于该诊所接听的计入会话(每个会话在每个诊所只计一次)" },
      consultation_duration: { header: "咨询时长", description: "这些会话在该诊所中的咨询时长" },
      average_consultation_duration: { header: "平均咨询时长", description: "咨询时长除以咨询次数，四舍五入到秒；没有咨询则为空" },
      average_wait_duration: { header: "平均等待时长", description: "该诊所中计入会话的已接听片段的平均等待时长(从进入到接听)，四舍五入到秒；没有则为空" },
      abandoned_calls: { header: "已放弃的呼叫", description: "范围内该诊所中呼叫者在等待时离开、从未被接听且未被转接的会话片段(不适用最短咨询时长)" },
      transfers_in: { header: "转入次数", description: "转接到该诊所的计入会话片段" },
      transfers_out: { header: "转出次数", description: "从该诊所转接出去的计入会话片段" }
    }
  },
  "service-providers": {
    title: "服务提供商",
    grain: "每位帐户持有人在每个诊所一行(仅拥有组织角色的持有人有一行诊所为空的记录)",
    columns: {
      organisation_name: { header: "组织", description: "组织名称" },
      user_id: { header: "用户 ID", description: "帐户的固定标识符" },
      user_name: { header: "用户名", description: "帐户名称" },
      email: { header: "电子邮件", description: "帐户的电子邮件地址" },
      clinic_id: { header: "诊所 ID", description: "角色所在的诊所；仅拥有组织角色的持有人的记录为空" },
      clinic_name: { header: "诊所", description: "诊所名称；仅拥有组织角色的持有人的记录为空" },
      roles: { header: "角色", description: "在范围内任一时刻在该诊所(或组织)中拥有的角色，以 '; ' 分隔" },
      access_granted_time: { header: "获得访问权限的日期", description: "这些角色中在范围结束时仍拥有的最早授予时间；都未拥有则为空" },
      account_status: { header: "帐户状态", description: "Active(活跃)，或在范围结束前停用时为 Deactivated(停用)" },
      consultations: { header: "咨询次数", description: "在范围内的计入会话中，该服务提供商作为该诊所(诊所为空的记录则为组织的任一诊所)的主持人与呼叫者在一起的会话数" },
      consultation_duration: { header: "咨询时长", description: "该服务提供商在这些会话中与至少一位呼叫者在一起的时长" },
      last_consultation_time: { header: "上次咨询", description: "在范围结束前进入的计入会话中，该服务提供商最近一次咨询的开始时间(包括更早的日期)；没有则为空" },
      room_calls: { header: "房间通话", description: "范围内该诊所房间中该服务提供商作为主持人加入的计入房间通话" },
      room_call_duration: { header: "房间通话时长", description: "该服务提供商在这些房间通话中的参加时长" },
      last_login_time: { header: "最后一次登录", description: "范围结束前的最近一次登录；没有则为空" }
    }
  },
  "service-provider-summary": {
    title: "服务提供商摘要",
    grain: "每个组织每个角色一行，然后是一行合计",
    columns: {
      organisation_name: { header: "组织", description: "组织名称" },
      role: { header: "角色", description: "角色；合计行为 All Service Providers(所有服务提供商)" },
      access_level: { header: "访问级别", description: "Organisation(组织)或 Clinic(诊所)；合计行为空" },
      total: { header: "合计", description: "在范围结束时拥有该角色的不同帐户数(不含已停用帐户)" },
      new: { header: "新", description: "在范围内获得该角色的不同帐户数" },
      deactivated: { header: "停用", description: "在范围内角色被撤销、或在拥有该角色时帐户被停用的不同帐户数" },
      logged_in: { header: "登录", description: "在范围内拥有该角色并在范围内登录过的不同帐户数" },
      active: { header: "活跃", description: "在范围内拥有该角色，并在计入会话中进行过咨询(作为主持人，与呼叫者一起)或作为主持人加入过计入房间通话的不同帐户数" }
    }
  },
  "room-calls": {
    title: "会议和用户室通话",
    grain: "每个房间通话的每位参与者一行",
    columns: {
      organisation_name: { header: "组织", description: "房间所属组织的名称" },
      clinic_id: { header: "诊所 ID", description: "房间所属的诊所" },
      clinic_name: { header: "诊所", description: "房间所属诊所的名称" },
      room_id: { header: "房间 ID", description: "房间的固定标识符" },
      room_name: { header: "房间", description: "房间名称" },
      room_type: { header: "房间类型", description: "Meeting(会议室)、Group(群组室)或 User(用户室)" },
      room_owner_name: { header: "房间所有者", description: "用户室的所有者；其他房间为空" },
      call_id: { header: "通话 ID", description: "房间通话的标识符" },
      call_start_time: { header: "通话开始时间", description: "通话的首次加入" },
      call_end_time: { header: "通话结束时间", description: "通话的最后一次离开" },
      call_duration: { header: "通话时长", description: "从通话开始到通话结束" },
      participants_in_call: { header: "通话中的参与者数量", description: "通话的不同参与者数" },
      participant_id: { header: "参与者 ID", description: "参与者的标识符" },
      user_name: { header: "用户名", description: "主持人的帐户名称；客人为空" },
      participant_type: { header: "参与者类型", description: "Host(主持人，帐户持有人)或 Guest(客人)" },
      joined_time: { header: "加入时间", description: "该参与者的首次加入" },
      left_time: { header: "离开时间", description: "该参与者的最后一次离开" },
      attendance_duration: { header: "参加时长", description: "该参与者在场的总时长" },
      meets_minimum_duration: { header: "达到最短咨询时长", description: "通话时长是否不少于最短咨询时长" },
      incomplete: { header: "不完整", description: "该参与者的某次在场是否没有离开事件、而在通话的最后一个事件处结束" }
    }
  },
  consultations: {
    title: "等候区咨询",
    grain: "每个片段的每位参与者一行",
    columns: {
      organisation_name: { header: "组织", description: "诊所所属组织的名称" },
      clinic_id: { header: "诊所 ID", description: "片段所在的诊所" },
      clinic_name: { header: "诊所", description: "片段所在诊所的名称" },
      queued_call_id: { header: "排队呼叫 ID", description: "呼叫者进入该诊所队列的标识符" },
      session_id: { header: "会话 ID", description: "整个通话；转接后不变" },
      segment_id: { header: "片段 ID", description: "会话在该诊所中的部分" },
      participant_id: { header: "参与者 ID", description: "参与者的标识符" },
      waiting_area_entry_time: { header: "等候区进入时间", description: "呼叫者进入该诊所等候区(或被转接进来)的时间" },
      answered_time: { header: "接听时间", description: "片段中呼叫者和主持人首次同时在场的时间；从未接听则为空" },
      user_name: { header: "用户名", description: "主持人的帐户名称；呼叫者为空" },
      participant_type: { header: "参与者类型", description: "Caller(呼叫者，即患者或受邀者)或 Host(主持人)" },
      joined_time: { header: "加入时间", description: "首次加入；主要呼叫者为片段的接听时间，从未接听则为空" },
      left_time: { header: "离开时间", description: "最后一次离开(主要呼叫者为离开或转出的时间)" },
      attendance_duration: { header: "参加时长", description: "在场总时长；主要呼叫者仅计与至少一位主持人在一起的时间" },
      wait_duration: { header: "等待时长", description: "片段从进入到接听的时间；从未接听则为从进入到呼叫者离开或被转接的时间" },
      segment_end_time: { header: "片段结束时间", description: "片段中任一参与者的最后一次离开" },
      transfer_time: { header: "转接时间", description: "呼叫者从该片段被转出的时间；未转接则为空" },
      transferred_to_clinic_id: { header: "转接到的诊所 ID", description: "呼叫者被转接到的诊所" },
      transferred_to_clinic_name: { header: "转接到的诊所", description: "该诊所的名称；属于本报告范围外的组织时为空" },
      transferred_to_segment_id: { header: "转接到的片段 ID", description: "由转接开始的片段" },
      participants_in_segment: { header: "通话段中的参与者数量", description: "片段的不同参与者数(包括呼叫者)" },
      consultation_duration: { header: "咨询时长", description: "片段中至少一位呼叫者和一位主持人同时在场的时长" },
      meets_minimum_duration: { header: "达到最短咨询时长", description: "会话(所有片段)的咨询时长是否不少于最短咨询时长" },
      abandoned: { header: "已放弃", description: "呼叫者在等待时离开：从未被接听且未被转接" },
      abandoned_time: { header: "放弃时间", description: "已放弃片段的呼叫者离开的时间" },
      incomplete: { header: "不完整", description: "该参与者的某次在场是否没有结束事件、而在片段的最后一个事件处结束" }
    }
  }
}

/** The bandwidth columns' text by key (SPEC §6). */
export const bandwidth = {
  min_sent_kbps: { header: "最低发送带宽 (kbps)", description: "该参与者的最低上传带宽，以离开时最后一次报告为准；从未报告则为空" },
  max_sent_kbps: { header: "最高发送带宽 (kbps)", description: "该参与者的最高上传带宽，以离开时最后一次报告为准；从未报告则为空" },
  avg_sent_kbps: { header: "平均发送带宽 (kbps)", description: "该参与者的平均上传带宽，以离开时最后一次报告为准；从未报告则为空" },
  min_received_kbps: { header: "最低接收带宽 (kbps)", description: "该参与者的最低下载带宽，以离开时最后一次报告为准；从未报告则为空" },
  max_received_kbps: { header: "最高接收带宽 (kbps)", description: "该参与者的最高下载带宽，以离开时最后一次报告为准；从未报告则为空" },
  avg_received_kbps: { header: "平均接收带宽 (kbps)", description: "该参与者的平均下载带宽，以离开时最后一次报告为准；从未报告则为空" }
}

/** The description of a tag column; the header is the tag's own label, as the organisation wrote it. */
export const tagDescription = (label: string): string => `诊所的报告标签“${label}”(房间行优先使用房间自己的值)`

/** The words of the outputs besides the report's own text. */
export const messages = {
  yes: "是",
  no: "否",
  dataSheet: "数据",
  fieldDescriptionsSheet: "字段描述",
  fieldDescriptionHeader: { header: "列标题", key: "键", type: "类型", description: "描述" },
  parameters: {
    report: "报告",
    organisations: "组织",
    clinic: "诊所",
    allClinics: "所有诊所",
    from: "开始日期",
    to: "结束日期",
    rangeStart: "范围开始",
    rangeEnd: "范围结束",
    rangeKind: "范围类型",
    timezone: "时区",
    minimumDuration: "最短咨询时长(分钟)",
    generatedAt: "生成时间",
    generatedBy: "生成者",
    dataRows: "数据行数"
  }
} satisfies Messages
