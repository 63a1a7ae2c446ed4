/** The tone of a log line, used for its colour. */
export type LogTone = 'info' | 'wait' | 'good' | 'bad';

/** What a log line is about, written to `data-*` attributes so a test (or a curious player) can read it. */
export interface LogSubject {
  /** The bill the line is about. */
  billId?: string;
  /** The bill's state or the purchase status the line reports. */
  state?: string;
}

/** The shop's event log: newest line first, at most 50 lines. */
export interface EventLog {
  /** Add a line. */
  add(text: string, tone?: LogTone, subject?: LogSubject): void;
}

const MAX_LINES = 50;

/** Write log lines into `list` (an `<ol>`). */
export function createEventLog(list: HTMLElement): EventLog {
  return {
    add(text, tone = 'info', subject = {}) {
      const line = document.createElement('li');
      line.className = `log-line log-${tone}`;
      const time = document.createElement('time');
      time.textContent = new Date().toLocaleTimeString();
      line.append(time, ` ${text}`);
      if (subject.billId !== undefined) line.dataset.billId = subject.billId;
      if (subject.state !== undefined) line.dataset.state = subject.state;
      list.prepend(line);
      while (list.children.length > MAX_LINES) list.lastElementChild?.remove();
    },
  };
}
