/**
 * The one seam the component tests replace: `fetch`. Each answer is queued for a method and path; every request
 * is recorded with its headers and body, so a test can check what the page sent.
 */
export interface SentRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

export class FakeApi {
  readonly sent: SentRequest[] = [];
  private readonly answers = new Map<string, Answer[]>();

  constructor() {
    globalThis.fetch = (async (path: string, init: RequestInit = {}) => this.handle(String(path), init)) as typeof fetch;
  }

  answer(method: string, path: string, status: number, body?: unknown, headers: Record<string, string> = {}): this {
    const key = `${method} ${path}`;
    this.answers.set(key, [...(this.answers.get(key) ?? []), { status, body, headers }]);
    return this;
  }

  private handle(path: string, init: RequestInit) {
    const method = init.method ?? 'GET';
    this.sent.push({ method, path, headers: { ...(init.headers as Record<string, string>) }, body: init.body ? JSON.parse(String(init.body)) : undefined });
    const queue = this.answers.get(`${method} ${path}`) ?? [];
    const answer = queue.length > 1 ? queue.shift() : queue[0];
    if (!answer) throw new Error(`the test gave no answer for ${method} ${path}`);
    const headers = new Map(Object.entries(answer.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    return {
      ok: answer.status >= 200 && answer.status < 300,
      status: answer.status,
      headers: { get: (name: string) => headers.get(name.toLowerCase()) ?? null },
      text: async () => (answer.body === undefined ? '' : JSON.stringify(answer.body)),
    };
  }
}
