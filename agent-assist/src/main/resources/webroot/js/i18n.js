'use strict';

/**
 * What the pages say, in English and Simplified Chinese. The language is the user's choice (the switch in the top
 * bar, kept in this browser) or else the browser's; dates and times are written in that language and in the
 * center's time zone (sent at sign-in), so an agent abroad and the promise's customer read the same clock.
 * Static text in the pages carries data-i18n="key"; scripts call I18n.t(key, {name: value}).
 */
const I18n = (() => {
  const KEY = 'attune.lang';
  const TEXT = {
    en: {
      'app.signIn': 'Attune — sign in', 'app.agent': 'Attune — agent', 'app.board': 'Attune — wallboard',
      'brand.board': 'Attune wallboard', 'lang.switch': '中文', 'lang.switchTitle': 'Show this page in Chinese',
      'top.connecting': 'connecting…', 'top.live': 'live', 'top.reconnecting': 'reconnecting…', 'top.signOut': 'Sign out',
      'role.agent': 'agent', 'role.supervisor': 'supervisor', 'role.admin': 'administrator',
      'login.subtitle': 'Live calls and real-time coaching', 'login.username': 'Username', 'login.password': 'Password',
      'login.button': 'Sign in', 'login.wrong': 'Wrong username or password.', 'login.failed': 'Sign-in failed: {error}',
      'calls.mine': 'My live calls', 'calls.none': 'No live call right now.', 'calls.all': 'All live calls',
      'calls.noneAll': 'No live calls.',
      'col.caller': 'Caller', 'col.name': 'Name', 'col.queue': 'Queue', 'col.state': 'State', 'col.waited': 'Waited',
      'col.talk': 'Talk', 'col.hold': 'Hold', 'col.agent': 'Agent', 'col.call': 'Call', 'col.waiting': 'Waiting',
      'col.longest': 'Longest wait', 'col.talking': 'Talking', 'col.sl': 'Service level', 'col.asa': 'Avg. speed of answer',
      'col.abandoned': 'Abandoned', 'col.offered': 'Offered', 'col.survey': 'Rating today',
      'survey.figure': '{average} of 5 · {fives} fives · {rated} rated',
      'survey.title': '{rated} callers rated, {noAnswer} gave no rating',
      'caller.unknown': 'unknown',
      'state.OFFERED': 'offered', 'state.QUEUED': 'waiting', 'state.RINGING': 'ringing', 'state.ANSWERED': 'talking',
      'state.HELD': 'on hold', 'state.TRANSFERRING': 'transferring', 'state.DIALING': 'dialing', 'state.ENDED': 'ended',
      'state.available': 'available',
      'guidance.title': 'Guidance', 'guidance.empty': 'Coaching appears here during a call.',
      'guidance.thisCall': 'This call: {caller}', 'guidance.earlier': 'Earlier calls',
      'guidance.earlierCall': '{caller} · {time} · {count} cards', 'guidance.noCall': 'Not tied to a call',
      'guidance.try': 'Try:', 'guidance.default': 'Guidance',
      'kind.TONE': 'Tone', 'kind.PACE': 'Pace', 'kind.WORDING': 'Wording', 'kind.COMMITMENT': 'Promise',
      'kind.CHECKLIST': 'Complaint steps',
      'severity.INFO': 'note', 'severity.WARNING': 'warning', 'severity.SEVERE': 'urgent',
      'customer.title': 'Customer', 'customer.empty': "The customer's details appear when you take a call.",
      'customer.unknown': 'Unknown caller', 'customer.promises': 'Open promises', 'customer.history': 'History',
      'customer.calls': 'Calls', 'customer.complaints': 'Complaints', 'customer.abandoned': 'Abandoned',
      'customer.lastContact': 'Last contact', 'customer.firstCall': 'first call', 'customer.noneOpen': 'None open.',
      'customer.noHistory': 'No earlier calls.', 'customer.talked': 'talked {duration}', 'customer.due': 'due {time}',
      'customer.by': 'by {agent}', 'language.en': 'English', 'language.zh': 'Chinese',
      'outcome.ANSWERED': 'answered', 'outcome.ABANDONED': 'abandoned', 'outcome.TIMED_OUT': 'timed out',
      'outcome.TRANSFERRED': 'transferred', 'outcome.FAILED': 'failed', 'outcome.ENDED_DURING_OUTAGE': 'ended in an outage',
      'promises.title': 'My promises', 'promises.empty': 'Follow-ups you promise on a call appear here, to confirm and keep.',
      'promises.done': 'Recently closed', 'promises.due': 'due {time}', 'promises.noTime': '(no time agreed)',
      'promises.confirm': 'Confirm', 'promises.changeTime': 'Change time', 'promises.callBack': 'Call back now',
      'promises.resolve': 'Done…', 'promises.cancel': 'Cancel…', 'promises.saveTime': 'Save time',
      'promises.markDone': 'Mark done', 'promises.cancelIt': 'Cancel promise', 'promises.pickTime': 'Pick a date and time.',
      'promises.sayWhy': 'Say why.', 'promises.howKept': 'How was it kept? (e.g. the customer called in and it was sorted)',
      'promises.whyCancel': 'Why? (e.g. customer withdrew the request)', 'promises.fallback': 'promise',
      'status.PROPOSED': 'proposed', 'status.OPEN': 'open', 'status.OVERDUE': 'overdue', 'status.KEPT': 'kept',
      'status.RESOLVED': 'done', 'status.CANCELLED': 'cancelled',
      'notice.reminder': 'Promise due soon', 'notice.reminderText': 'Promise due {time} to {customer}.',
      'notice.reminderTry': 'Call back now, or tell the customer when you will.',
      'notice.overdue': 'Promise overdue', 'notice.overdueText': 'Promise overdue since {time}; your supervisor has been told.',
      'notice.overdueTry': 'Call the customer back now: a late call is better than none.',
      'notice.calledIn': 'Open promise to this caller',
      'notice.calledInText': 'This caller has an open promise from {agent}, due {time}.',
      'notice.calledInTry': 'Start with it. Mark it done if this call settles it.',
      'notice.aCustomer': 'a customer', 'notice.us': 'us',
      'checklist.title': 'Complaint checklist',
      'checklist.listened': 'Listen without interrupting', 'checklist.empathized': 'Acknowledge the feeling',
      'checklist.asked': 'Ask clarifying questions', 'checklist.offered': 'Offer a solution',
      'checklist.confirmed': 'Confirm the customer accepts it', 'checklist.followup': 'Agree the follow-up',
      'board.queues': 'Queues', 'board.alerts': 'Alerts', 'board.noAlerts': 'No alerts.', 'board.agents': 'Agents',
      'board.slNote': 'Today since {since} (center time): service level = answered within {seconds} s ÷ offered, abandoned = abandoned ÷ offered; the same definitions as the dashboards.',
      'board.none': '(none)', 'board.overdue': 'Promise overdue · {agent}', 'board.alert': 'Alert',
      'board.surveyLow': 'Low rating {score} of 5 · {agent}', 'board.surveyLowDetail': 'caller {customer}',
      'board.complaintMajor': 'Major complaint · {agent}', 'board.complaintMajorDetail': 'caller {customer} · reply due {time}',
      'style.ventsFirst': 'Tends to vent first: acknowledge the feeling before the facts.',
      'style.explainsAtLength': 'Tends to explain at length: let them finish, then sum up and agree the next step.',
      'style.upsetButQuiet': 'Tends to say little when upset: ask how it affected them, and check they are satisfied.',
      'style.briefAndFactual': 'Tends to be brief and factual: get to the point, with the steps and the times.',
      'style.basis': 'From {calls} earlier calls: they talked {share} of the time and were upset on {upset}.',
      'col.listen': 'Join from my phone', 'listen.listen': 'Listen', 'listen.whisper': 'Whisper', 'listen.barge': 'Barge',
      'listen.listenTitle': 'Hear the call; nobody hears you',
      'listen.noPhone': 'No phone is set on your account to listen from: ask an administrator to add it (agent: in the users file).',
      'listen.notAllowed': 'Only supervisors can join calls.', 'listen.gone': 'That call has ended.',
      'listen.noAgent': 'Nobody is talking on that call yet.', 'listen.pbxDown': 'The phone system did not take the request; try again.',
      'listen.whisperTitle': 'Speak to the agent only; the customer does not hear you',
      'listen.bargeTitle': 'Join the conversation; both hear you',
      'listen.ringing': 'Your phone {device} is ringing: answer it to join {agent}\'s call ({mode}). Keys 4, 5, 6 switch between listen, whisper and barge; hang up to leave.',
      'board.targets': 'Targets: {share} within {seconds} s, nobody waiting over {wait}; amber is close, red is past.',
      'board.breachSl': 'Service level below target · {queue}', 'board.breachSlDetail': '{value} in the last 15 minutes (target {target})',
      'board.breachWait': 'Caller waiting too long · {queue}', 'board.breachWaitDetail': 'longest wait {value} (target {target})',
      'state.paused': 'paused · {reason}', 'state.loggedOut': 'not in any queue', 'state.wrapUp': 'wrap-up · {left} left',
      'board.pauseAgent': 'Pause or resume', 'status.title': 'My status', 'status.pause': 'Pause', 'status.resume': 'Resume', 'status.since': 'since {time}',
      'pause.none': 'no reason given', 'pause.break': 'Break', 'pause.lunch': 'Lunch', 'pause.training': 'Training', 'pause.meeting': 'Meeting',
      'pause.coaching': 'Coaching', 'pause.after_call_work': 'After-call work', 'pause.technical_problem': 'Technical problem',
      'col.today': 'Calls today', 'agent.day': '{calls} · handle {handle}',
      'agent.dayTitle': 'average hold {hold}, {transfers} transferred',
      'agent.coaching': '{cards} cards · {kept} promises kept', 'agent.coachingTitle': 'coaching cards shown today (tone, pace, wording) and promises of theirs kept today',
      'board.amiDown': 'Link to the phone system lost · {pbx}',
      'board.amiDownDetail': 'Calls are not followed until it is back: check the PBX, the network and the AMI account.',
      'board.angryCustomer': 'Angry customer · {agent}', 'board.angryFor': 'angry for {duration}',
      'board.angryVoice': 'raised voice for {duration}',
      'board.agentEscalating': 'Agent escalating · {agent}',
      'board.agentEscalatingDetail': 'louder or faster while the customer is angry',
      'wall.on': 'Wall mode', 'wall.off': 'Table view', 'wall.waitingHour': 'waiting, last hour',
      'wall.slHour': 'service level, last hour',
      'board.center': 'the center', 'board.severeCard': 'Severe moment · {agent}', 'board.acknowledge': 'Take it', 'board.acknowledged': 'taken by {who} at {time}', 'board.complaintsToday': 'Complaints today',
      'board.complaintsMajor': 'of them major', 'board.complaintsWaiting': 'drafts not yet recorded',
      'complaint.title': 'Complaints to record', 'complaint.empty': 'No complaint waiting.',
      'complaint.intro': 'The coach drafted these from your calls: check the kind and severity, edit the summary, confirm.',
      'complaint.category': 'Kind of complaint', 'complaint.severity': 'Severity', 'complaint.summary': 'Summary',
      'complaint.choose': 'choose…', 'complaint.chooseBoth': 'Choose the kind and the severity first.',
      'complaint.confirm': 'Record complaint', 'complaint.discard': 'Not a complaint',
      'complaint.why': 'Why the draft says so:', 'complaint.cards': 'Coaching on the call: {cards}',
      'category.PRODUCT_QUALITY': 'Product quality', 'category.TRANSACTION_PROCESS': 'Transaction process',
      'category.COMMUNICATION_CONFLICT': 'Communication conflict', 'category.SERVICE_STANDARD': 'Service standard',
      'severity.MAJOR': 'Major (management replies)', 'severity.JUSTIFIED': 'Justified', 'severity.UNJUSTIFIED': 'Unjustified',
      'severity.MINOR': 'Minor',
      'board.anAgent': 'agent', 'board.feedbackLink': 'Card feedback',
      'feedback.helpful': 'Helpful', 'feedback.wrong': 'Wrong', 'feedback.dismiss': 'Dismiss',
      'feedback.failed': 'Not saved: {error}',
      'meter.talk': 'Talk share', 'meter.pace': 'Pace', 'meter.loudness': 'Loudness',
      'meter.talkText': 'you {agent} % · customer {customer} %', 'meter.paceText': 'you {agent} · customer {customer} syllables/s',
      'meter.loudText': 'you {agent} dB · customer {customer} dB', 'meter.none': '–',
      'heard.AGENT': 'You', 'heard.CUSTOMER': 'Customer',
      'app.feedback': 'Attune — card feedback', 'fb.title': 'What agents said about the cards',
      'fb.intro': 'Per category: cards shown, and how agents judged them. The wrong ones show what was said, with the words that fired the card marked: edit the pack where a rule fires on the wrong things.',
      'fb.period': 'Period', 'fb.days': 'last {days} days', 'fb.back': 'Wallboard',
      'fb.col.card': 'Card', 'fb.col.kind': 'Kind', 'fb.col.shown': 'Shown', 'fb.col.helpful': 'Helpful',
      'fb.col.wrong': 'Wrong', 'fb.col.dismissed': 'Dismissed', 'fb.none': 'No cards were shown in this period.',
      'fb.wrongSaid': 'Marked wrong ({count})', 'fb.noUtterance': '(from the audio, no words)',
      'fb.example': '{time} · {agent}',
    },
    zh: {
      'app.signIn': 'Attune — 登录', 'app.agent': 'Attune — 坐席', 'app.board': 'Attune — 监控大屏',
      'brand.board': 'Attune 监控大屏', 'lang.switch': 'English', 'lang.switchTitle': '用英文显示本页',
      'top.connecting': '连接中…', 'top.live': '已连接', 'top.reconnecting': '重新连接中…', 'top.signOut': '退出',
      'role.agent': '坐席', 'role.supervisor': '班长', 'role.admin': '管理员',
      'login.subtitle': '实时通话与实时辅导', 'login.username': '用户名', 'login.password': '密码',
      'login.button': '登录', 'login.wrong': '用户名或密码错误。', 'login.failed': '登录失败：{error}',
      'calls.mine': '我的通话', 'calls.none': '当前没有通话。', 'calls.all': '全部通话', 'calls.noneAll': '当前没有通话。',
      'col.caller': '来电号码', 'col.name': '姓名', 'col.queue': '队列', 'col.state': '状态', 'col.waited': '等待',
      'col.talk': '通话', 'col.hold': '保持', 'col.agent': '坐席', 'col.call': '通话', 'col.waiting': '排队中',
      'col.longest': '最长等待', 'col.talking': '通话中', 'col.sl': '服务水平', 'col.asa': '平均应答速度',
      'col.abandoned': '放弃率', 'col.offered': '呼入量', 'col.survey': '今日评分',
      'survey.figure': '{average}/5 分 · 五分占 {fives} · {rated} 人评分',
      'survey.title': '{rated} 位来电者评分，{noAnswer} 位未评分',
      'caller.unknown': '未知',
      'state.OFFERED': '来电', 'state.QUEUED': '排队中', 'state.RINGING': '振铃中', 'state.ANSWERED': '通话中',
      'state.HELD': '保持中', 'state.TRANSFERRING': '转接中', 'state.DIALING': '外呼中', 'state.ENDED': '已结束',
      'state.available': '空闲',
      'guidance.title': '实时提示', 'guidance.empty': '通话中的辅导提示会显示在这里。',
      'guidance.thisCall': '本次通话：{caller}', 'guidance.earlier': '之前的通话',
      'guidance.earlierCall': '{caller} · {time} · {count} 条提示', 'guidance.noCall': '与通话无关',
      'guidance.try': '建议：', 'guidance.default': '提示',
      'kind.TONE': '语气', 'kind.PACE': '节奏', 'kind.WORDING': '措辞', 'kind.COMMITMENT': '承诺',
      'kind.CHECKLIST': '投诉处理步骤',
      'severity.INFO': '提示', 'severity.WARNING': '注意', 'severity.SEVERE': '紧急',
      'customer.title': '客户', 'customer.empty': '接听来电后，这里会显示客户资料。',
      'customer.unknown': '未知来电', 'customer.promises': '未兑现的承诺', 'customer.history': '来电记录',
      'customer.calls': '来电次数', 'customer.complaints': '投诉次数', 'customer.abandoned': '放弃次数',
      'customer.lastContact': '上次联系', 'customer.firstCall': '首次来电', 'customer.noneOpen': '没有未兑现的承诺。',
      'customer.noHistory': '没有之前的来电。', 'customer.talked': '通话 {duration}', 'customer.due': '截止 {time}',
      'customer.by': '承诺人 {agent}', 'language.en': '英语', 'language.zh': '中文',
      'outcome.ANSWERED': '已接听', 'outcome.ABANDONED': '已放弃', 'outcome.TIMED_OUT': '排队超时',
      'outcome.TRANSFERRED': '已转接', 'outcome.FAILED': '失败', 'outcome.ENDED_DURING_OUTAGE': '故障期间结束',
      'promises.title': '我的承诺', 'promises.empty': '您在通话中答应客户的跟进会显示在这里，供您确认和兑现。',
      'promises.done': '最近完成', 'promises.due': '截止 {time}', 'promises.noTime': '（未约定时间）',
      'promises.confirm': '确认', 'promises.changeTime': '修改时间', 'promises.callBack': '立即回电',
      'promises.resolve': '已完成…', 'promises.cancel': '取消…', 'promises.saveTime': '保存时间',
      'promises.markDone': '标记完成', 'promises.cancelIt': '取消承诺', 'promises.pickTime': '请选择日期和时间。',
      'promises.sayWhy': '请说明原因。', 'promises.howKept': '是怎么兑现的？（例如：客户来电，问题已解决）',
      'promises.whyCancel': '为什么取消？（例如：客户撤回了请求）', 'promises.fallback': '承诺',
      'status.PROPOSED': '待确认', 'status.OPEN': '进行中', 'status.OVERDUE': '已逾期', 'status.KEPT': '已兑现',
      'status.RESOLVED': '已完成', 'status.CANCELLED': '已取消',
      'notice.reminder': '承诺即将到期', 'notice.reminderText': '对{customer}的承诺将于 {time} 到期。',
      'notice.reminderTry': '现在回电，或告诉客户您何时联系。',
      'notice.overdue': '承诺已逾期', 'notice.overdueText': '承诺已于 {time} 逾期，已通知您的班长。',
      'notice.overdueTry': '请立即回电：晚回电总比不回电好。',
      'notice.calledIn': '该来电客户有未兑现的承诺',
      'notice.calledInText': '该客户有一项由{agent}做出的承诺，截止 {time}。',
      'notice.calledInTry': '先处理这项承诺；如本次通话已解决，请标记完成。',
      'notice.aCustomer': '客户', 'notice.us': '我们',
      'checklist.title': '投诉处理清单',
      'checklist.listened': '耐心倾听，不打断', 'checklist.empathized': '认同客户的感受',
      'checklist.asked': '提问澄清问题', 'checklist.offered': '提出解决方案',
      'checklist.confirmed': '确认客户接受方案', 'checklist.followup': '约定后续跟进',
      'board.queues': '队列', 'board.alerts': '告警', 'board.noAlerts': '没有告警。', 'board.agents': '坐席',
      'board.slNote': '今天（自 {since}，中心时间）：服务水平 = {seconds} 秒内接听 ÷ 呼入量，放弃率 = 放弃 ÷ 呼入量；与监控仪表盘的定义相同。',
      'board.none': '（无）', 'board.overdue': '承诺逾期 · {agent}', 'board.alert': '告警',
      'board.surveyLow': '低评分 {score}/5 · {agent}', 'board.surveyLowDetail': '来电 {customer}',
      'board.complaintMajor': '重大投诉 · {agent}', 'board.complaintMajorDetail': '来电 {customer} · {time} 前回复',
      'style.ventsFirst': '习惯先发泄情绪：先认同感受，再谈事实。',
      'style.explainsAtLength': '习惯详细说明：让客户说完，再归纳并约定下一步。',
      'style.upsetButQuiet': '不满时话不多：问问对客户有什么影响，结束前确认客户是否满意。',
      'style.briefAndFactual': '习惯简短、重事实：直奔主题，说清步骤和时间。',
      'style.basis': '依据此前 {calls} 通电话：客户说话时间占 {share}，其中 {upset} 通有不满情绪。',
      'col.listen': '用我的话机加入', 'listen.listen': '监听', 'listen.whisper': '耳语', 'listen.barge': '强插',
      'listen.listenTitle': '听通话，双方都听不到您',
      'listen.noPhone': '您的账号没有设置用于监听的话机：请管理员在用户文件中为您添加话机。',
      'listen.notAllowed': '只有班长可以加入通话。', 'listen.gone': '这通电话已经结束。',
      'listen.noAgent': '这通电话还没有坐席接听。', 'listen.pbxDown': '电话系统没有接受请求，请重试。',
      'listen.whisperTitle': '只对坐席说话，客户听不到',
      'listen.bargeTitle': '加入通话，双方都能听到您',
      'listen.ringing': '您的话机 {device} 正在振铃：接听后即加入 {agent} 的通话（{mode}）。按 4、5、6 在监听、耳语、强插之间切换，挂机即退出。',
      'board.targets': '目标：{seconds} 秒内接听 {share}，等待不超过 {wait}；黄色为接近，红色为超出。',
      'board.breachSl': '服务水平低于目标 · {queue}', 'board.breachSlDetail': '最近 15 分钟 {value}（目标 {target}）',
      'board.breachWait': '来电等待过久 · {queue}', 'board.breachWaitDetail': '最长等待 {value}（目标 {target}）',
      'state.paused': '暂停 · {reason}', 'state.loggedOut': '未在任何队列中', 'state.wrapUp': '话后处理 · 还剩 {left}',
      'board.pauseAgent': '暂停或恢复坐席', 'status.title': '我的状态', 'status.pause': '暂停', 'status.resume': '恢复接听', 'status.since': '自 {time}',
      'pause.none': '未说明原因', 'pause.break': '休息', 'pause.lunch': '午餐', 'pause.training': '培训', 'pause.meeting': '开会',
      'pause.coaching': '辅导', 'pause.after_call_work': '话后处理', 'pause.technical_problem': '技术故障',
      'col.today': '今日通话', 'agent.day': '{calls} 通 · 平均处理 {handle}',
      'agent.dayTitle': '平均保持 {hold}，转接 {transfers} 通',
      'agent.coaching': '提示 {cards} 条 · 兑现承诺 {kept} 个', 'agent.coachingTitle': '今日显示的辅导提示（语气、语速、措辞）和今日兑现的该坐席承诺',
      'board.amiDown': '与电话系统的连接已断开 · {pbx}',
      'board.amiDownDetail': '恢复之前无法跟踪通话：请检查交换机、网络和管理接口账号。',
      'board.angryCustomer': '客户很生气 · {agent}', 'board.angryFor': '生气已持续 {duration}',
      'board.angryVoice': '提高嗓门已持续 {duration}',
      'board.agentEscalating': '坐席情绪升级 · {agent}',
      'board.agentEscalatingDetail': '客户生气时说话变大声或变快',
      'wall.on': '大屏模式', 'wall.off': '表格视图', 'wall.waitingHour': '排队数，最近一小时',
      'wall.slHour': '服务水平，最近一小时',
      'board.center': '中心', 'board.severeCard': '严重情况 · {agent}', 'board.acknowledge': '我来处理', 'board.acknowledged': '{who} 于 {time} 已处理', 'board.complaintsToday': '今日投诉',
      'board.complaintsMajor': '其中重大投诉', 'board.complaintsWaiting': '待登记的草稿',
      'complaint.title': '待登记的投诉', 'complaint.empty': '没有待登记的投诉。',
      'complaint.intro': '教练根据您的通话起草了这些投诉：请核对类型和级别，修改摘要后确认。',
      'complaint.category': '投诉类型', 'complaint.severity': '投诉级别', 'complaint.summary': '摘要',
      'complaint.choose': '请选择…', 'complaint.chooseBoth': '请先选择投诉类型和级别。',
      'complaint.confirm': '登记投诉', 'complaint.discard': '不是投诉',
      'complaint.why': '起草依据：', 'complaint.cards': '通话中的提示：{cards}',
      'category.PRODUCT_QUALITY': '产品品质', 'category.TRANSACTION_PROCESS': '交易过程',
      'category.COMMUNICATION_CONFLICT': '沟通冲突', 'category.SERVICE_STANDARD': '服务标准',
      'severity.MAJOR': '重大投诉（管理层答复）', 'severity.JUSTIFIED': '有理投诉', 'severity.UNJUSTIFIED': '无理投诉',
      'severity.MINOR': '轻微投诉',
      'board.anAgent': '坐席', 'board.feedbackLink': '提示反馈',
      'feedback.helpful': '有帮助', 'feedback.wrong': '不准确', 'feedback.dismiss': '关闭',
      'feedback.failed': '未保存：{error}',
      'meter.talk': '说话占比', 'meter.pace': '语速', 'meter.loudness': '音量',
      'meter.talkText': '您 {agent}% · 客户 {customer}%', 'meter.paceText': '您 {agent} · 客户 {customer} 音节/秒',
      'meter.loudText': '您 {agent} dB · 客户 {customer} dB', 'meter.none': '–',
      'heard.AGENT': '您', 'heard.CUSTOMER': '客户',
      'app.feedback': 'Attune — 提示反馈', 'fb.title': '坐席对提示卡片的反馈',
      'fb.intro': '按类别统计：显示了多少张卡片，坐席如何评价。标为不准确的卡片列出当时说的话，并标出触发卡片的词语：据此修改规则包中误报的规则。',
      'fb.period': '时间范围', 'fb.days': '最近 {days} 天', 'fb.back': '监控大屏',
      'fb.col.card': '卡片', 'fb.col.kind': '类型', 'fb.col.shown': '显示', 'fb.col.helpful': '有帮助',
      'fb.col.wrong': '不准确', 'fb.col.dismissed': '已关闭', 'fb.none': '这段时间没有显示过卡片。',
      'fb.wrongSaid': '标为不准确（{count}）', 'fb.noUtterance': '（来自音频，没有文字）',
      'fb.example': '{time} · {agent}',
    },
  };
  const LOCALES = { en: 'en-GB', zh: 'zh-CN' };

  function lang() {
    let chosen = null;
    try { chosen = localStorage.getItem(KEY); } catch (e) { /* storage off: follow the browser */ }
    if (chosen && TEXT[chosen]) return chosen;
    const browser = (navigator.languages && navigator.languages[0]) || navigator.language || 'en';
    return String(browser).toLowerCase().startsWith('zh') ? 'zh' : 'en';
  }

  function choose(code) {
    try { localStorage.setItem(KEY, code); } catch (e) { /* the choice lasts for this page only */ }
  }

  function has(key) {
    return TEXT[lang()][key] !== undefined || TEXT.en[key] !== undefined;
  }

  function t(key, vars) {
    const text = TEXT[lang()][key] ?? TEXT.en[key] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (m, name) => (vars[name] === undefined || vars[name] === null ? '' : String(vars[name]))) : text;
  }

  /** The center's zone as sent at sign-in; the browser's when the session predates it. */
  function zone() {
    try {
      const s = JSON.parse(sessionStorage.getItem('attune.session'));
      if (s && s.timeZone) return s.timeZone;
    } catch (e) { /* no session yet */ }
    return undefined;
  }

  function format(iso, options) {
    if (!iso) return '';
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return '';
    try {
      return new Intl.DateTimeFormat(LOCALES[lang()], Object.assign({ timeZone: zone() }, options)).format(d);
    } catch (e) { // an unknown zone name: the browser's own
      return new Intl.DateTimeFormat(LOCALES[lang()], options).format(d);
    }
  }

  /** Date and time, e.g. "3 Dec 2026, 15:30" or "2026年12月3日 15:30". */
  function dateTime(iso) {
    return format(iso, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  }

  function clock(iso) {
    return format(iso, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  }

  /** A number in the reader's language, with {@code digits} decimals ("4.5", "4.5"; "–" when missing). */
  function number(value, digits) {
    if (typeof value !== 'number' || !Number.isFinite(value)) return '–';
    return new Intl.NumberFormat(LOCALES[lang()], { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
  }

  /** Text from a pack or a caller is in whatever language it was written: tell the browser (fonts, screen readers). */
  function langOf(text) {
    return /[\u3400-\u9fff\uf900-\ufaff]/.test(String(text || '')) ? 'zh-CN' : 'en';
  }

  /** Labels the page declares (data-i18n, data-i18n-placeholder, data-i18n-title), the page's lang, the switch. */
  function apply(root) {
    document.documentElement.lang = LOCALES[lang()];
    for (const node of (root || document).querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
    for (const node of (root || document).querySelectorAll('[data-i18n-placeholder]')) node.placeholder = t(node.dataset.i18nPlaceholder);
    const title = document.querySelector('title[data-i18n]');
    if (title) document.title = t(title.dataset.i18n);
    const toggle = document.getElementById('lang-switch');
    if (toggle && !toggle.dataset.bound) {
      toggle.dataset.bound = '1';
      toggle.addEventListener('click', () => { choose(lang() === 'zh' ? 'en' : 'zh'); location.reload(); });
    }
    if (toggle) {
      toggle.textContent = t('lang.switch');
      toggle.title = t('lang.switchTitle');
      toggle.lang = lang() === 'zh' ? 'en' : 'zh-CN';
    }
  }

  return { lang, choose, has, t, dateTime, clock, number, langOf, apply, locales: LOCALES };
})();
