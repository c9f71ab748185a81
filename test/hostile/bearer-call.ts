/** A service's answer: its status and its JSON body ({} when it sent none). */
export interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests assert it field by field
  body: any;
}

/**
 * A request to one service as a client with a bearer token (a JSON body when there is one): how the hostile suites
 * talk to a service process. `baseUrl` is read at call time (the process starts in a beforeAll).
 */
export const bearerCall =
  (baseUrl: () => string) =>
  async (path: string, jwt: string, init: { method?: string; body?: unknown } = {}): Promise<Answer> => {
    const res = await fetch(baseUrl() + path, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${jwt}`,
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : {} };
  };
