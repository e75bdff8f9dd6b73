/** Whether Intl knows the IANA time zone name (Node 20 ships full ICU: `Asia/Shanghai`, `UTC`, ...). */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
