//! 简体中文 (Simplified Chinese), in the terms of the Backups API documentation in Chinese.

use super::{Phrases, Words};
use crate::api::cron::{CronField, CronProblem, PartProblem, Schedule, Slots};
use crate::api::{utc_stamp, BadServerUrl, NameProblem, NAME_MAX_CHARS};
use crate::format::human_size;

pub const PHRASES: Phrases = Phrases {
    language: "语言",
    theme: "主题",
    theme_system: "跟随系统",
    theme_light: "浅色",
    theme_dark: "深色",
    language_waits: "当前操作结束后才能切换语言。",
    cannot_reach: "无法连接到服务器。请检查地址，并确认 PocketBase 正在运行。",
    not_superuser: "此账号不是超级用户。只有超级用户可以管理备份。",
    needs_second_factor: "此账号需要二次验证：请重新登录以获取验证码。",
    not_understood: "服务器返回了本面板无法识别的响应。这是 PocketBase 服务器吗？",
    sign_in_unauthorized: "服务器拒绝了登录（HTTP 401）。是否有代理服务器要求单独登录？",
    app_title: "PocketBase 备份",
    server_url: "服务器地址",
    email: "邮箱",
    password: "密码",
    sign_in: "登录",
    signing_in: "正在登录…",
    sign_in_hint: "请使用 PocketBase 超级用户账号登录。",
    sign_out: "退出登录",
    email_required: "请输入超级用户的邮箱。",
    password_required: "请输入密码。",
    one_time_code: "一次性验证码",
    code_required: "请输入邮件中的验证码。",
    send_new_code: "重新发送验证码",
    start_over: "重新开始",
    session_expired: "会话已过期或已失效，请重新登录。",
    signed_out_elsewhere: "你已在另一个标签页中退出登录。",
    ip_not_allowed: "此服务器只接受来自其设置（superuserIPs）中所列 IP 地址的超级用户，而当前浏览器的地址不在其中。请从允许的地址使用本面板，或请管理员添加你的地址。",
    too_large: "请求超出了服务器或其前端代理允许的大小（HTTP 413）。请调高代理的请求体大小上限（nginx 中的 client_max_body_size），或将文件直接复制到服务器上的 pb_data/backups。",
    backups: "备份",
    refresh: "刷新",
    loading_backups: "正在加载备份…",
    piece_loading: "加载中…",
    piece_missing: "面板的这一部分无法加载：连接中断，或服务器上的面板已更新（此时请重新加载页面）。没有向 PocketBase 发送任何请求。",
    retry: "重试",
    no_backups: "暂无备份",
    column_name: "名称",
    column_size: "大小",
    column_modified: "修改时间",
    unknown_date: "—",
    cancel: "取消",
    dismiss: "关闭",
    column_actions: "操作",
    create_backup: "创建备份",
    create: "创建",
    backup_name: "备份名称",
    creating_unnamed: "正在创建备份…",
    backup_name_hint: "可选。只能包含小写字母、数字、_ 和 -，并以 .zip 结尾。留空则由 PocketBase 自动命名。",
    upload_backup: "上传备份",
    upload: "上传",
    drop_hint: "或将 .zip 文件拖放到此处",
    upload_title: "上传此备份？",
    empty_file: "此文件为空。",
    not_a_zip: "此文件不是 zip 压缩包。PocketBase 只接受 .zip 格式的备份。",
    no_data_db: "此 zip 中没有 data.db，因此很可能不是 PocketBase 备份：恢复它会失败。仅在确定无误时才继续上传。",
    cancel_upload: "取消上传",
    finishing: "即将完成…数据已全部发送，PocketBase 正在保存文件，现在无法中止。",
    upload_as: "上传为",
    upload_name_empty: "请输入保存此备份所用的名称。",
    upload_name_slash: "名称不能包含 / 或 \\。",
    cancelled: "已取消。服务器未保存任何内容。",
    upload_too_slow: "按当前速度，上传所需时间将超过 PocketBase 5 分钟的请求时限，很可能会被中断。请换用更快的网络上传，或将文件直接复制到服务器上的 pb_data/backups。",
    upload_anyway: "仍然上传",
    unreadable_file: "无法读取此文件。",
    download: "下载",
    delete: "删除",
    delete_title_one: "删除此备份？",
    delete_explained: "文件将从服务器上永久删除，且无法撤销。",
    select_all: "全选当前显示的备份",
    server_busy: "服务器上正在进行备份或恢复。创建和恢复将等待其结束，届时列表会自动刷新。",
    server_unreachable: "无法连接到服务器。本页面会持续重试。",
    restore: "恢复",
    restore_title: "恢复此备份？",
    restore_explained: "恢复会用此备份的内容替换整个数据库、设置、已上传的文件和超级用户。备份创建之后的所有更改都将丢失。随后 PocketBase 会重启，你可能需要使用恢复后数据中的超级用户重新登录。",
    restore_confirm_label: "输入备份名称以确认",
    restore_no_data_db: "此备份中没有 data.db，因此不是 PocketBase 备份：PocketBase 会拒绝恢复，并保留当前数据。",
    inspect: "查看",
    inspect_title: "此备份包含的内容",
    inspect_reading: "正在从备份末尾读取其目录…",
    inspect_is_backup: "这是 PocketBase 备份：其中有 data.db。",
    inspect_no_data_db: "这不是 PocketBase 备份：其中没有 data.db，恢复它将会失败。",
    inspect_not_zip: "这不是 zip 压缩包，因此不是 PocketBase 备份：恢复它将会失败。",
    inspect_too_large: "其目录超过 16 MB：本面板不读取这么多数据。",
    inspect_unreadable: "无法读取其内容：服务器没有返回所请求的字节。",
    close: "关闭",
    contents_files: "文件",
    contents_uploaded: "已上传的文件（storage/）",
    contents_archive: "大小",
    contents_read: "为显示此内容而读取",
    contents_missing: "缺失",
    copy_command: "复制下载命令",
    compare_selected: "比较所选的两个备份",
    plan_retention: "规划保留策略",
    verify: "校验",
    verify_cancel: "取消校验",
    verify_cancelled: "校验已取消：未作任何判断。",
    verify_unreadable: "无法将备份读到末尾：未作任何判断。",
    damage_header: "在目录所指的位置没有条目头",
    damage_truncated: "不完整：文件在它结束之前就结束了",
    damage_inflate: "无法解压：其压缩数据已损坏",
    damage_checksum: "与记录的 CRC-32 不符",
    damage_size: "长度与记录不符",
    damage_not_sqlite: "不是 SQLite 数据库",
    damage_sqlite_length: "的页数与其长度不符",
    retention_title: "保留哪些备份",
    retention_apply: "删除这些备份…",
    retention_numbers: "每个字段都需要 0 或更大的整数。",
    retention_manual_too: "也包括非计划生成的备份（非 @auto_）",
    keep_last: "保留最新的个数",
    keep_days: "每天一个，保留天数",
    keep_weeks: "每周一个，保留周数",
    keep_months: "每月一个，保留月数",
    kept_not_automatic: "不是自动备份",
    kept_last: "属于最新的几个",
    kept_day: "当天最新的一个",
    kept_week: "当周最新的一个",
    kept_month: "当月最新的一个",
    kept_undated: "日期未知",
    compare_title: "两个备份之间的变化",
    command_expired: "其中的文件令牌已过期：请重新复制命令。",
    restore_waits: "服务器上正在进行备份或恢复：恢复将等待其结束后开始。",
    restore_slow: "发起恢复后，PocketBase 已有 10 分钟没有响应。请检查服务器及其日志。",
    backup_first: "先备份当前数据",
    restored_sign_in: "PocketBase 已从备份恢复，不再接受你当前的会话。请使用恢复后数据中的超级用户登录。",
    search_backups: "搜索备份",
    no_matches: "没有与搜索匹配的备份。",
    auto_badge: "自动",
    auto_badge_title: "由服务器的自动备份创建",
    settings: "设置",
    backup_settings: "备份设置",
    back_to_backups: "返回备份列表",
    loading_settings: "正在加载备份设置…",
    auto_backups: "自动备份",
    enable_auto_backups: "启用自动备份",
    schedule: "计划（cron 表达式）",
    presets: "预设",
    preset_custom: "自定义",
    schedule_hint: "PocketBase 按 UTC 时间执行。五个字段以单个空格分隔：分钟、小时、日、月、星期（0–6，周日为 0），支持 *、列表（1,15）、范围（1-5）和步长（*/6）；也可使用 @hourly、@daily、@weekly、@monthly、@yearly。",
    next_runs: "接下来的运行时间",
    never_runs: "此计划永远不会执行：没有任何日期与之匹配（PocketBase 要求每个字段都匹配，日和星期也须同时匹配）。",
    max_keep: "最多保留的自动备份数",
    max_keep_hint: "每次自动备份后，超出此数量的最早的自动备份（@auto_）将被删除。你手动创建或上传的备份不受影响。",
    store_in_s3: "将备份存储到 S3",
    s3_storage: "存储",
    s3_hint: "关闭时，备份保存在服务器磁盘上的 pb_data/backups 中。",
    s3_files_not_in_backups: "PocketBase 保存在 S3 文件存储（其“文件存储”设置）中的上传文件不包含在备份中，请另行备份。",
    endpoint: "端点（Endpoint）",
    bucket: "存储桶",
    region: "区域",
    access_key: "访问密钥 ID",
    secret: "私有访问密钥",
    secret_hint: "不会显示：PocketBase 不会返回该值。留空则保留已保存的密钥。",
    force_path_style: "强制路径样式",
    force_path_style_hint: "以 endpoint/bucket 而非 bucket.endpoint 的形式访问存储桶，大多数自托管 S3 服务器需要开启此项。",
    test_connection: "测试连接",
    test_uses_saved: "测试由服务器使用已保存的设置进行。",
    testing: "正在测试已保存的 S3 设置…",
    s3_test_ok: "连接成功：PocketBase 已使用保存的设置在存储桶中写入并删除了一个测试文件。",
    save_first_title: "先保存再测试？",
    save_first_explained: "连接测试使用的是已保存的设置，而不是本页上的更改。是否保存更改后再测试？",
    save_and_test: "保存并测试",
    save: "保存",
    saving: "正在保存…",
    reset: "重置",
    unsaved_changes: "有未保存的更改。",
    settings_saved: "备份设置已保存。",
    fix_fields: "保存前请先修正标出的字段。",
    leave_title: "不保存就离开？",
    leave_explained: "备份设置有尚未保存的更改，离开将丢弃这些更改。",
    leave: "不保存并离开",
    leave_upload_title: "退出登录并取消上传？",
    leave_upload_explained: "正在上传。退出登录将取消上传：PocketBase 不会保存未完整接收的文件。（切换到面板的其他页面不会中断上传。）",
    leave_upload: "取消上传并退出登录",
    run_now: "立即运行自动备份",
    run_now_hint: "按已保存的计划设置运行服务器自身的任务：创建一个新的 @auto_ 备份，然后删除最早的自动备份，使其数量不超过保留数。",
    running_auto: "正在运行服务器的自动备份…",
    not_scheduled: "服务器上没有自动备份任务：请先保存一个计划。",
    run_now_unsupported: "“立即运行”需要 PocketBase 0.24 或更新版本：此服务器没有定时任务 API（/api/crons）。它的计划仍会照常运行。",
    required_while_s3: "启用 S3 存储时必填。",
    cron_required: "请输入计划，或关闭自动备份。",
    max_keep_number: "请输入不小于 1 的整数。",
    max_keep_too_few: "至少保留 1 个自动备份。",
    not_an_endpoint: "请输入服务器地址，如 https://s3.example.com：以 http:// 或 https:// 开头（也可省略），不含空格。",
    auto_failures: "自动备份最近的失败记录（服务器日志）：",
    auto_history_unknown: "服务器未保留错误日志（日志已关闭），因此无法得知自动备份是否失败过。",
    auto_history_not_logged: "PocketBase 0.22 只以调试级别记录自动备份失败，而此服务器的日志不保留调试条目（最低级别更高）：因此无法得知自动备份是否失败过。",
    family_before_0_23: "PocketBase 0.22 或更早（管理员账号）：没有“立即运行”，没有双重验证登录；自动备份失败以调试级别记录",
    family_0_23: "PocketBase 0.23：没有“立即运行”",
    family_since_0_24: "PocketBase 0.24 或更新",
    storage_unreachable: "无法访问备份存储，因此无法列出备份。",
    check_storage_settings: "检查存储设置",
    servers: "服务器",
    servers_hint: "本浏览器已登录的每台 PocketBase 服务器，各自用自己的会话查询：一台停机或已退出登录不会耽误其他服务器。",
    server_column: "服务器",
    newest_column: "最新备份",
    state_column: "状态",
    add_server: "添加服务器",
    add_server_hint: "登录另一台 PocketBase 服务器，在这里一并查看。面板仍停留在当前服务器上；“打开”会切换服务器，面板的所有标签页都会一起切换。",
    checking: "正在查询…",
    signed_out_state: "已退出登录：该服务器不再接受本浏览器的会话。",
    server_fine: "正常响应，无需警告。",
    shown_here: "面板当前打开的服务器",
    open: "打开",
    sign_in_again: "重新登录",
    remove: "移除",
    still_signed_in: "仍已登录的服务器",
    sign_out_everywhere: "也退出这些服务器",
    sign_out_everywhere_hint: "这会让此浏览器忘记它们的令牌。PocketBase 无法吊销令牌：复制到别处的令牌在过期前仍然有效。要结束某个超级用户的所有会话，请修改其密码，或修改其集合的令牌密钥（控制台 → Collections → _superusers → Options）。",
    create_server_busy: "未创建：PocketBase 正在进行另一个备份或恢复（自动备份、其他管理员或另一个标签页）。请在其结束后重试；届时“创建备份”会重新可用。",
    restore_already_running: "已有一个恢复正在跟踪中。请等它结束后再开始另一个。",
    upload_lost_not_stored: "PocketBase 响应之前连接已断开，且其列表中没有该文件：文件未保存。请重新上传。",
};

pub struct Zh;

impl Words for Zh {
    fn wrong_code(&self, message: &str) -> String {
        format!("验证码错误或已过期：请检查后重试，或重新发送验证码。（PocketBase：{message}）")
    }

    fn refused_without_reason(&self, status: u16) -> String {
        format!("服务器拒绝了请求（HTTP {status}），但没有给出 PocketBase 通常会附带的说明：可能是其前端的代理作出了响应。请检查代理和服务器的日志。")
    }

    fn duration(&self, seconds: u64) -> String {
        match seconds {
            0 => "不到 1 秒".to_owned(),
            1..60 => format!("{seconds} 秒"),
            60..3600 => format!("{} 分 {} 秒", seconds / 60, seconds % 60),
            _ => format!("{} 小时 {} 分", seconds / 3600, seconds % 3600 / 60),
        }
    }

    fn cron_preset_labels(&self) -> [&'static str; 4] {
        ["每天 00:00", "每周日 00:00", "每月 1 日 00:00", "每 6 小时"]
    }

    fn delete_label(&self, key: &str) -> String {
        format!("删除 {key}")
    }

    fn download_label(&self, key: &str) -> String {
        format!("下载 {key}")
    }

    fn restore_label(&self, key: &str) -> String {
        format!("恢复 {key}")
    }

    fn inspect_label(&self, key: &str) -> String {
        format!("查看 {key}")
    }

    fn uploaded_files(&self, count: usize, total: &str, largest: Option<(&str, &str)>) -> String {
        match largest {
            Some((name, size)) if count > 1 => {
                format!("{count} 个文件，共 {total}；最大的是 {name}（{size}）")
            }
            Some((name, _)) => format!("1 个文件：{name}（{total}）"),
            None => "无".to_owned(),
        }
    }

    fn stored_extracted(&self, stored: &str, extracted: &str) -> String {
        format!("压缩后 {stored}，解压后 {extracted}")
    }

    fn read_of(&self, read: &str, size: &str) -> String {
        format!("{read}（共 {size}）")
    }

    fn compare_between(&self, older: &str, newer: &str) -> String {
        format!("从 {older}（较旧）到 {newer}")
    }

    fn compare_totals(&self, added: usize, removed: usize, changed: usize, same: usize) -> String {
        format!("新增 {added} 个，删除 {removed} 个，变更 {changed} 个，{same} 个相同")
    }

    fn compare_added(&self, count: usize, total: &str) -> String {
        format!("新增：{count} 个（{total}）")
    }

    fn compare_removed(&self, count: usize, total: &str) -> String {
        format!("删除：{count} 个（{total}）")
    }

    fn retention_summary(&self, kept: usize, deleted: usize, freed: &str) -> String {
        format!("保留 {kept} 个，删除 {deleted} 个（释放 {freed}）。")
    }

    fn verify_label(&self, key: &str) -> String {
        format!("校验 {key}")
    }

    fn verifying(&self, read: &str, total: &str) -> String {
        format!("正在校验… {read}（共 {total}）")
    }

    fn verified(&self, files: usize, database: Option<(u64, u64)>, took: &str) -> String {
        let database = match database {
            Some((page_size, pages)) => {
                format!("data.db 是一个 SQLite 数据库，共 {pages} 页，每页 {page_size} B。")
            }
            None => "其中没有 data.db。".to_owned(),
        };
        format!("完好：全部 {files} 个文件解压后的大小和 CRC-32 均与记录一致。{database}校验用时 {took}。")
    }

    fn damaged(&self, entry: &str, why: &str) -> String {
        format!("已损坏：{entry} {why}。")
    }

    fn retention_deletes(&self, key: &str) -> String {
        format!("删除 {key}")
    }

    fn retention_keeps(&self, key: &str, why: &str) -> String {
        format!("保留 {key}：{why}")
    }

    fn compare_changed(&self, count: usize) -> String {
        format!("变更：{count} 个")
    }

    fn command_ready(&self, copied: bool, seconds_left: Option<u64>) -> String {
        let first = if copied {
            "已复制：在任意机器上运行它，即可用 curl 下载此备份。"
        } else {
            "浏览器不允许复制：请选中下面这一行并手动复制。"
        };
        match seconds_left {
            Some(seconds) => format!("{first}它在 {} 内有效。", self.duration(seconds)),
            None => first.to_owned(),
        }
    }

    fn creating(&self, name: &str) -> String {
        format!("正在创建 {name}… PocketBase 需要写入整个数据库，可能需要几分钟。")
    }

    fn uploading(&self, name: &str) -> String {
        format!("正在上传 {name}")
    }

    fn upload_status(
        &self,
        sent: u64,
        total: u64,
        percent: u64,
        bytes_per_second: Option<u64>,
        seconds_left: Option<u64>,
    ) -> String {
        let mut status = format!("{} / {} · {percent}%", human_size(sent), human_size(total));
        if let Some(speed) = bytes_per_second {
            status.push_str(&format!(" · {}/s", human_size(speed)));
        }
        if let Some(left) = seconds_left {
            status.push_str(&format!(" · 剩余 {}", self.duration(left)));
        }
        status
    }

    fn file_summary(&self, name: &str, size: u64) -> String {
        format!("{name}（{}）", human_size(size))
    }

    fn created(&self, name: &str) -> String {
        format!("已创建备份 {name}。")
    }

    fn create_lost(&self, name: &str) -> String {
        format!("创建过程中连接中断，{name} 未能创建。请待服务器再次响应后重试。")
    }

    fn create_unknown(&self, name: &str) -> String {
        format!("服务器的响应丢失了：{name} 可能已创建，也可能没有。请先查看列表确认。")
    }

    fn uploaded(&self, name: &str) -> String {
        format!("已上传 {name}。")
    }

    fn upload_name_taken(&self, name: &str) -> String {
        format!("名为 {name} 的备份已存在。请用其他名称上传此文件：")
    }

    fn stored_despite_cancel(&self, name: &str) -> String {
        format!("取消得太晚：PocketBase 已保存 {name}，列表中可以看到它。如果不需要，请将其删除。")
    }

    fn cancel_unconfirmed(&self, name: &str) -> String {
        format!("上传已取消，但无法确认 PocketBase 是否保存了 {name}。再次上传前请先查看列表。")
    }

    fn deleted(&self, keys: &[String]) -> String {
        match keys {
            [key] => format!("已删除 {key}。"),
            _ => format!("已删除 {} 个备份。", keys.len()),
        }
    }

    fn and_more(&self, count: usize) -> String {
        format!("…还有 {count} 个")
    }

    fn delete_title(&self, count: usize) -> String {
        match count {
            1 => PHRASES.delete_title_one.into(),
            _ => format!("删除这 {count} 个备份？"),
        }
    }

    fn delete_selected(&self, count: usize) -> String {
        format!("删除所选（{count}）")
    }

    fn select_label(&self, key: &str) -> String {
        format!("选择 {key}")
    }

    fn not_deleted(&self, key: &str, reason: &str) -> String {
        format!("{key} 未删除：{reason}")
    }

    fn delete_under_way(&self, key: &str) -> String {
        format!("未再次发送删除 {key} 的请求：对它的删除或恢复仍在进行中。")
    }

    fn still_listed(&self, key: &str) -> String {
        format!("删除 {key} 的响应丢失了，而服务器仍列出它：未删除。")
    }

    fn delete_unknown(&self, keys: &[String]) -> String {
        format!(
            "删除 {} 的响应丢失了，且无法读取列表：可能已删除，也可能没有。请刷新列表查看。",
            keys.join("、")
        )
    }

    fn upload_lost_unknown(&self, name: &str) -> String {
        format!("上传 {name} 的响应丢失了，且无法读取列表：可能已保存，也可能没有。再次上传前请先刷新列表。")
    }

    fn restore_not_restored(&self, key: &str) -> String {
        format!("{key} 未恢复：PocketBase 的日志与之前相同（恢复会替换日志），且没有失败记录。请求可能根本没有到达服务器；数据保持原样。")
    }

    fn restore_no_evidence(&self, key: &str) -> String {
        format!("无法确定 {key} 是否已恢复：服务器无法连接期间响应丢失了（重启和网络故障看起来一样），日志中也没有可判断的记录。重试前请检查数据或服务器日志。")
    }

    fn policy_blocks(&self, origin: &str) -> String {
        format!("此页面的内容安全策略（Content-Security-Policy）不允许连接到 {origin}。请在提供面板的地方允许它：使用 PocketBase 的钩子时，把它加入 PB_PANEL_CONNECT_SRC（例如 PB_PANEL_CONNECT_SRC=\"{origin}\"）并重启；使用其他 Web 服务器时，把它加入 connect-src。")
    }

    fn restore_backing_up(&self, key: &str) -> String {
        format!("恢复 {key} 前，正在备份当前数据…")
    }

    fn restore_started(&self, key: &str) -> String {
        format!("PocketBase 已接受恢复 {key} 的请求，将在一秒内开始。")
    }

    fn restore_answer_lost(&self, key: &str) -> String {
        format!("恢复 {key} 的响应丢失了。正在观察 PocketBase 是否执行恢复…")
    }

    fn restore_restarting(&self, key: &str) -> String {
        format!("正在恢复 {key}：PocketBase 正在处理或重启中。本页面会等待它再次响应。")
    }

    fn restore_checking(&self, key: &str) -> String {
        format!("PocketBase 已响应。正在读取其日志，以确认 {key} 的恢复结果…")
    }

    fn restored(&self, key: &str) -> String {
        format!("已恢复 {key}：PocketBase 已用它重启，且未记录任何错误。请检查数据是否符合预期。")
    }

    fn restore_failed(&self, key: &str, error: &str) -> String {
        format!("恢复 {key} 失败，PocketBase 保留了当前数据。其日志显示：{error}")
    }

    fn restore_not_seen(&self, key: &str, answer_lost: bool) -> String {
        if answer_lost {
            format!("恢复 {key} 的响应丢失了，既未观察到 PocketBase 重启，也没有失败记录：它可能根本没有收到该请求。重试前请检查服务器日志。")
        } else {
            format!("既未观察到 PocketBase 重启，也没有 {key} 的失败记录：无法确定是否已恢复。请检查服务器日志。")
        }
    }

    fn restore_logs_off(&self, key: &str) -> String {
        format!("恢复 {key} 后 PocketBase 已重启，但它未保留日志，因此无法排除失败的可能。请检查数据是否符合预期。")
    }

    fn restore_log_unreadable(&self, key: &str) -> String {
        format!("恢复 {key} 后 PocketBase 已重启，但无法读取其日志来确认结果。请检查服务器日志。")
    }

    fn backup_first_refused(&self, reason: &str) -> String {
        format!("未能备份当前数据，因此没有执行恢复。{reason}")
    }

    fn backup_first_unknown(&self, name: &str) -> String {
        format!("备份当前数据的响应丢失了：服务器可能已创建 {name}，也可能没有。没有执行恢复，请先查看列表。")
    }

    fn name_taken(&self, name: &str) -> String {
        format!("名为 {name} 的备份已存在。")
    }

    fn name_problem(&self, problem: NameProblem) -> String {
        match problem {
            NameProblem::TooLong => format!("名称最多 {NAME_MAX_CHARS} 个字符。"),
            NameProblem::Pattern => "只能使用小写字母、数字、_ 和 -，且名称须以 .zip 结尾。".into(),
        }
    }

    fn relative_age(&self, seconds_ago: i64) -> String {
        match seconds_ago {
            ..60 => "刚刚".into(),
            60..3_600 => format!("{} 分钟前", seconds_ago / 60),
            3_600..86_400 => format!("{} 小时前", seconds_ago / 3_600),
            86_400..2_592_000 => format!("{} 天前", seconds_ago / 86_400),
            2_592_000..31_536_000 => format!("{} 个月前", seconds_ago / 2_592_000),
            _ => format!("{} 年前", seconds_ago / 31_536_000),
        }
    }

    fn totals(&self, shown: (usize, u64), all: (usize, u64)) -> String {
        if shown.0 == all.0 {
            return format!("{} 个备份 · {}", all.0, human_size(all.1));
        }
        format!(
            "显示 {} 个，共 {} 个备份 · {} / {}",
            shown.0,
            all.0,
            human_size(shown.1),
            human_size(all.1)
        )
    }

    fn sort_by_label(&self, column: &str) -> String {
        format!("按{column}排序")
    }

    fn second_factor(&self, email: &str) -> String {
        format!("此账号还需要一次性验证码。PocketBase 会将其发送到 {email}，几分钟内有效。")
    }

    fn code_sent(&self, email: &str) -> String {
        format!("验证码已发送到 {email}。")
    }

    fn signed_in_as(&self, email: &str, server: &str) -> String {
        format!("{email}（{server}）")
    }

    fn bad_server_url(&self, reason: BadServerUrl) -> &'static str {
        match reason {
            BadServerUrl::Empty => "请输入 PocketBase 服务器的地址。",
            BadServerUrl::NotHttp => {
                "请输入以 http:// 或 https:// 开头的完整地址，如 http://127.0.0.1:8090。"
            }
            BadServerUrl::HasQueryOrFragment => "请输入不含 ? 或 # 部分的服务器地址。",
        }
    }

    fn no_auto_failures(&self, days: u32) -> String {
        format!("服务器日志中没有失败记录（日志保留 {days} 天）。")
    }

    fn auto_history_unreadable(&self, reason: &str) -> String {
        format!("无法读取服务器日志，因此无法得知自动备份是否失败过：{reason}")
    }

    fn storage_reason(&self, reason: &str) -> String {
        format!("存储返回：{reason}")
    }

    fn next_auto_backup(&self, utc: &str, local: &str) -> String {
        format!("下一次自动备份：{utc}（你的当地时间 {local}）。")
    }

    fn auto_backup_stale(&self, newest: &str, age: &str) -> String {
        format!("最新的自动备份创建于 {newest}（{age}），早于计划的最近两次运行：自动备份可能一直在失败。")
    }

    fn no_auto_backup_yet(&self, since: &str) -> String {
        format!("尚无自动备份，而该计划（本面板自 {since} 起记录到该计划）此时应已运行过：自动备份可能一直在失败。")
    }

    fn auto_failure(&self, when: &str, name: &str, error: &str) -> String {
        format!("{when} — {name}：{error}")
    }

    fn failure_after_success(&self) -> &'static str {
        "最近一次失败之后，已成功创建过自动备份。"
    }

    fn auto_run_made(&self, key: &str, pruned: &[String]) -> String {
        match pruned {
            [] => format!("已创建自动备份 {key}。"),
            [one] => format!("已创建自动备份 {key}；为保持设定的数量，已删除 {one}。"),
            _ => format!(
                "已创建自动备份 {key}；为保持设定的数量，已删除 {} 个较早的自动备份。",
                pruned.len()
            ),
        }
    }

    fn auto_run_failed(&self, name: &str, error: &str) -> String {
        format!("自动备份 {name} 失败。PocketBase 日志显示：{error}")
    }

    fn auto_run_unknown(&self, logs_off: bool) -> &'static str {
        if logs_off {
            "没有出现新的自动备份，而服务器未保留错误日志，无法得知原因。请检查列表和服务器。"
        } else {
            "没有出现新的自动备份，服务器也未记录失败：无法确定任务是否运行过。请检查服务器日志。"
        }
    }

    fn s3_test_failed(&self, reason: &str) -> String {
        format!("连接测试失败：{reason}")
    }

    fn storage_moves(&self, count: usize, to_s3: bool) -> String {
        let from = if to_s3 {
            "服务器磁盘上"
        } else {
            "当前的 S3 存储桶中"
        };
        match count {
            0 => "新备份将存储到新位置。更改存储位置时，已有备份不会被移动。".into(),
            1 => format!("更改存储位置时，已有备份不会被移动：当前列出的这个备份将留在{from}，不再显示在这里："),
            _ => format!("更改存储位置时，已有备份不会被移动：当前列出的 {count} 个备份将留在{from}，不再显示在这里："),
        }
    }

    fn run_time(&self, utc: &str, local: &str) -> String {
        format!("{utc} · 你的当地时间 {local}")
    }

    fn server_refused_field(&self, message: &str) -> String {
        format!("PocketBase：{message}")
    }

    fn utc_run(&self, epoch_ms: i64) -> String {
        let stamp = utc_stamp(epoch_ms);
        let weekday = (epoch_ms.div_euclid(86_400_000) + 4).rem_euclid(7) as usize;
        format!(
            "{} {}-{}-{} {}:{} UTC",
            WEEKDAYS[weekday],
            &stamp[0..4],
            &stamp[4..6],
            &stamp[6..8],
            &stamp[8..10],
            &stamp[10..12]
        )
    }

    /// Largest to smallest, as Chinese says it: months, days, then the time of day, e.g.
    /// `每年 1 月和 7 月的 1 日和 15 日 UTC 03:00。`
    fn cron_reading(&self, schedule: &Schedule) -> String {
        use CronField::*;
        let (minutes, hours) = (schedule.minutes, schedule.hours);
        let every_hour = hours.is_every(Hour);
        let minute_words = || value_list(minutes, |m| m.to_string(), AND);
        let time = if minutes.is_every(Minute) && every_hour {
            "每分钟".to_owned()
        } else if let (Some(step), true) = (minutes.every_nth(Minute), every_hour) {
            format!("每 {step} 分钟")
        } else if every_hour {
            format!("每小时的第 {} 分钟", minute_words())
        } else if minutes.count() * hours.count() <= 6 {
            let times: Vec<String> = hours
                .values()
                .flat_map(|h| minutes.values().map(move |m| format!("{h:02}:{m:02}")))
                .collect();
            format!("UTC {}", and_list(&times))
        } else {
            let hour_words = match hours.every_nth(Hour) {
                Some(step) => format!("每 {step} 小时"),
                None => value_list(hours, |h| format!("{h} 时"), AND),
            };
            format!("{hour_words}的第 {} 分钟（UTC）", minute_words())
        };
        let (days, weekdays) = (schedule.days, schedule.weekdays);
        let weekday_name = |d: u32| WEEKDAYS[d as usize].to_owned();
        let month = if schedule.months.is_every(Month) {
            None
        } else {
            Some(value_list(
                schedule.months,
                |m| MONTHS[m as usize - 1].to_owned(),
                AND,
            ))
        };
        let day_words = || value_list(days, |d| format!("{d} 日"), AND);
        let mut day = match &month {
            Some(months) => format!("每年 {months}的"),
            None => String::new(),
        };
        let mut only_when = String::new();
        match (days.is_every(Day), weekdays.is_every(Weekday)) {
            // `每 15 分钟` says every day already.
            (true, true) if time.starts_with('每') => {}
            (true, true) => day.push_str("每天"),
            (true, false) => {
                day.push('每');
                day.push_str(&value_list(weekdays, weekday_name, AND));
            }
            (false, every_weekday) => {
                // `每月 1 日`, or after the months `…的 1 日`.
                day.push_str(if month.is_none() { "每月 " } else { " " });
                day.push_str(&day_words());
                if !every_weekday {
                    only_when = format!("，且仅当该日是{}", value_list(weekdays, weekday_name, OR));
                }
            }
        }
        let gap = if time.starts_with(|c: char| c.is_ascii()) {
            " "
        } else {
            ""
        };
        format!("{day}{gap}{time}{only_when}。")
    }

    fn cron_problem(&self, problem: &CronProblem) -> String {
        let CronProblem::Field { field, part, why } = problem else {
            let CronProblem::Shape { fields } = problem else {
                unreachable!()
            };
            return format!("PocketBase 读取以单个空格分隔的五个字段（分钟 小时 日 月 星期），或 @daily 这样的小写宏；此处有 {fields} 个字段。请检查是否有多余的空格。");
        };
        let (min, max) = field.bounds();
        let why = match why {
            PartProblem::NotANumber => "不是整数。".to_owned(),
            PartProblem::Name => {
                "PocketBase 只接受数字，不接受名称：月份为 1–12，星期为 0–6（周日为 0）。"
                    .to_owned()
            }
            PartProblem::OutOfRange => format!("超出 {min}–{max} 的范围。"),
            PartProblem::SundayAsSeven => "此处周日为 0，PocketBase 不接受 7。".to_owned(),
            PartProblem::Backwards => "范围的结束值小于起始值。".to_owned(),
            PartProblem::BadStep => format!("步长必须在 1 到 {max} 之间。"),
            PartProblem::StepWithoutRange => "步长前须有 * 或范围，如 */5 或 0-30/5。".to_owned(),
            PartProblem::Malformed => "请写成 n、a-b、*/s 或 a-b/s 的形式。".to_owned(),
        };
        format!("{}字段“{part}”：{why}", cron_field_name(*field))
    }

    fn open_server(&self, server: &str) -> String {
        format!("打开 {server}")
    }

    fn sign_in_again(&self, server: &str) -> String {
        format!("重新登录 {server}")
    }

    fn remove_server(&self, server: &str) -> String {
        format!("移除 {server}")
    }

    fn newest_backup(&self, key: &str, age: &str) -> String {
        format!("{key}，{age}")
    }
}

const WEEKDAYS: [&str; 7] = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"];

const MONTHS: [&str; 12] = [
    "1 月", "2 月", "3 月", "4 月", "5 月", "6 月", "7 月", "8 月", "9 月", "10 月", "11 月",
    "12 月",
];

fn cron_field_name(field: CronField) -> &'static str {
    match field {
        CronField::Minute => "分钟",
        CronField::Hour => "小时",
        CronField::Day => "日",
        CronField::Month => "月",
        CronField::Weekday => "星期",
    }
}

/// The last two items of a list joined by “和” (all of them) or “或” (any one of them).
const AND: &str = "和";
const OR: &str = "或";

/// `a`, `a 和 b`, `a、b 和 c`.
fn and_list(items: &[String]) -> String {
    joined_list(items, AND)
}

/// `a`, `a {word} b`, `a、b {word} c`.
fn joined_list(items: &[String], word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => spaced(&rest.join("、"), word, last),
    }
}

/// `left word right`, with a space only where the word meets a digit or a Latin letter:
/// `1 和 15`, `1 日和 15 日`, `周一至周五`.
fn spaced(left: &str, word: &str, right: &str) -> String {
    let ascii_end = left.ends_with(|c: char| c.is_ascii_alphanumeric());
    let ascii_start = right.starts_with(|c: char| c.is_ascii_alphanumeric());
    format!(
        "{left}{}{word}{}{right}",
        if ascii_end { " " } else { "" },
        if ascii_start { " " } else { "" }
    )
}

/// A field's values as words, runs of three or more as `a 至 b` (`周一至周五`).
fn value_list(slots: Slots, name: impl Fn(u32) -> String, word: &str) -> String {
    let values: Vec<u32> = slots.values().collect();
    let mut parts = Vec::new();
    let mut at = 0;
    while at < values.len() {
        let mut end = at;
        while end + 1 < values.len() && values[end + 1] == values[end] + 1 {
            end += 1;
        }
        if end - at >= 2 {
            parts.push(spaced(&name(values[at]), "至", &name(values[end])));
        } else {
            parts.extend(values[at..=end].iter().map(|&v| name(v)));
        }
        at = end + 1;
    }
    joined_list(&parts, word)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::cron::Schedule;

    #[test]
    fn reads_schedules_in_plain_words() {
        let read = |e: &str| Zh.cron_reading(&Schedule::parse(e).unwrap());
        assert_eq!(read("0 0 * * *"), "每天 UTC 00:00。");
        assert_eq!(read("@weekly"), "每周日 UTC 00:00。");
        assert_eq!(read("0 0 1 * *"), "每月 1 日 UTC 00:00。");
        assert_eq!(
            read("0 */6 * * *"),
            "每天 UTC 00:00、06:00、12:00 和 18:00。"
        );
        assert_eq!(read("*/15 * * * *"), "每 15 分钟。");
        assert_eq!(read("* * * * *"), "每分钟。");
        assert_eq!(read("5 * * * *"), "每小时的第 5 分钟。");
        assert_eq!(read("30 9 * * 1-5"), "每周一至周五 UTC 09:30。");
        assert_eq!(read("0 0 1 * 0"), "每月 1 日 UTC 00:00，且仅当该日是周日。");
        assert_eq!(
            read("0 3 1,15 1,7 *"),
            "每年 1 月和 7 月的 1 日和 15 日 UTC 03:00。"
        );
        assert_eq!(
            read("0,30 */2 * * 0,6"),
            "每周日和周六每 2 小时的第 0 和 30 分钟（UTC）。"
        );
        // The branches the English tests leave out.
        assert_eq!(
            read("0,30 9-17 * * *"),
            "每天 9 时至 17 时的第 0 和 30 分钟（UTC）。"
        );
        assert_eq!(read("0,20 * * * *"), "每小时的第 0 和 20 分钟。");
        assert_eq!(
            read("0 0 1-5 * 1,3"),
            "每月 1 日至 5 日 UTC 00:00，且仅当该日是周一或周三。"
        );
        assert_eq!(read("0 0 * 1-6 *"), "每年 1 月至 6 月的每天 UTC 00:00。");
        assert_eq!(read("0 0 * 12 0"), "每年 12 月的每周日 UTC 00:00。");
        assert_eq!(
            read("0 0 1 1 1-5"),
            "每年 1 月的 1 日 UTC 00:00，且仅当该日是周一至周五。"
        );
        assert_eq!(
            read("0,10,20,40 0 * * *"),
            "每天 UTC 00:00、00:10、00:20 和 00:40。"
        );
    }

    #[test]
    fn names_the_refused_part_of_a_schedule() {
        let refused = |e: &str| Zh.cron_problem(&Schedule::parse(e).unwrap_err());
        assert_eq!(
            refused("0 0 * * 7"),
            "星期字段“7”：此处周日为 0，PocketBase 不接受 7。"
        );
        assert_eq!(refused("0 24 * * *"), "小时字段“24”：超出 0–23 的范围。");
        assert!(refused("0  0 * * *").contains("此处有 6 个字段"));
    }

    #[test]
    fn writes_run_times_with_whole_weekday_names() {
        assert_eq!(Zh.utc_run(0), "周四 1970-01-01 00:00 UTC");
        assert_eq!(Zh.utc_run(1_796_256_000_000), "周四 2026-12-03 00:00 UTC");
        // Every weekday, each a whole character pair (no byte slicing).
        for day in 0..7 {
            let run = Zh.utc_run(day * 86_400_000);
            assert!(run.starts_with(WEEKDAYS[((day + 4) % 7) as usize]), "{run}");
        }
    }

    #[test]
    fn says_how_long_ago() {
        assert_eq!(Zh.relative_age(-5), "刚刚");
        assert_eq!(Zh.relative_age(59), "刚刚");
        assert_eq!(Zh.relative_age(60), "1 分钟前");
        assert_eq!(Zh.relative_age(3 * 3_600 + 5), "3 小时前");
        assert_eq!(Zh.relative_age(86_400), "1 天前");
        assert_eq!(Zh.relative_age(2 * 86_400), "2 天前");
        assert_eq!(Zh.relative_age(70 * 86_400), "2 个月前");
        assert_eq!(Zh.relative_age(800 * 86_400), "2 年前");
    }

    #[test]
    fn says_how_long_it_takes() {
        assert_eq!(Zh.duration(0), "不到 1 秒");
        assert_eq!(Zh.duration(45), "45 秒");
        assert_eq!(Zh.duration(200), "3 分 20 秒");
        assert_eq!(Zh.duration(3_900), "1 小时 5 分");
        assert_eq!(
            Zh.upload_status(12_300_000, 250_000_000, 4, Some(3_200_000), Some(75)),
            "12.3 MB / 250.0 MB · 4% · 3.2 MB/s · 剩余 1 分 15 秒"
        );
    }

    #[test]
    fn sums_up_what_is_shown() {
        assert_eq!(Zh.totals((2, 2_000), (2, 2_000)), "2 个备份 · 2.0 kB");
        assert_eq!(Zh.totals((1, 500), (1, 500)), "1 个备份 · 500 B");
        assert_eq!(
            Zh.totals((1, 1_000), (3, 5_000)),
            "显示 1 个，共 3 个备份 · 1.0 kB / 5.0 kB"
        );
    }

    #[test]
    fn lists_as_chinese_does() {
        let items = |s: &[&str]| s.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(and_list(&items(&["a"])), "a");
        assert_eq!(and_list(&items(&["a", "b"])), "a 和 b");
        assert_eq!(and_list(&items(&["a", "b", "c"])), "a、b 和 c");
        assert_eq!(and_list(&items(&["周日", "周六"])), "周日和周六");
        assert_eq!(Zh.deleted(&items(&["a.zip"])), "已删除 a.zip。");
        assert_eq!(Zh.deleted(&items(&["a.zip", "b.zip"])), "已删除 2 个备份。");
        assert_eq!(Zh.delete_title(3), "删除这 3 个备份？");
    }

    /// No phrase with an English word in it (4 letters or more) is left as it was.
    #[test]
    fn no_phrase_is_left_in_english() {
        let all: Vec<_> = crate::text::en::PHRASES
            .list()
            .into_iter()
            .zip(PHRASES.list())
            .collect();
        let has_word = |text: &str| {
            text.split(|c: char| !c.is_ascii_alphabetic())
                .any(|word| word.len() >= 4)
        };
        for ((name, en), (_, zh)) in all {
            assert!(!(has_word(en) && en == zh), "{name} is still English: {zh}");
            assert!(
                !zh.contains(", ") && !zh.contains(". ") && !zh.ends_with('.'),
                "{name} has English punctuation: {zh}"
            );
        }
    }
}
