// Fixed, non-secret settings of the local sandbox. The token only ever reaches the local fake Bot API.
export const LOCAL_BOT_TOKEN = '7000000001:LOCAL-sandbox-token-not-a-secret';
export const LOCAL_WEBHOOK_SECRET = 'local-webhook-secret-0001';
export const LOCAL_BOT_USERNAME = 'township_dev_bot';
export const LOCAL_BOT_INFO = {
  id: 7000000001,
  is_bot: true as const,
  first_name: '乡镇人口服务',
  username: LOCAL_BOT_USERNAME,
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: true,
};
