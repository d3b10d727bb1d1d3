import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkRequest, checkResponse, exampleOf } from './github-openapi.js';

/** A review as the fake stores it. */
export interface FakeReview {
  login: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED';
  commitId: string;
}

interface FakeComment {
  id: number;
  login: string;
  type: 'Bot' | 'User';
  body: string;
}

/** An issue (not the pull request), as the fake stores it. */
export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  type: 'Bot' | 'User';
  comments: FakeComment[];
}

type Route = {
  method: string;
  pattern: RegExp;
  template: string;
  status: number;
  answer: (match: RegExpMatchArray, url: URL, body: string) => unknown;
  /** The request has a JSON body, checked against GitHub's description. */
  checksBody?: boolean;
};

/** A branch of the fake repository: its head commit and its files. */
export interface FakeBranch {
  sha: string;
  files: Map<string, string>;
}

/** A pull request the fake repository holds (besides the one `pull` describes). */
export interface FakePull {
  number: number;
  head: string;
  base: string;
  title: string;
  body: string;
  labels: string[];
  state: 'open' | 'closed';
  /** The files it adds or changes against its base, as of its head. */
  files: string[];
}

/**
 * GitHub's REST API for one pull request, on 127.0.0.1, for Octokit to reach through
 * GITHUB_API_URL. Every response is built from GitHub's own examples and checked against its
 * OpenAPI description; `problems` lists any mismatch, and tests assert it stays empty.
 */
export class FakeGitHub {
  readonly token = 'fake-token';
  reviews: FakeReview[] = [];
  /** The pull request's comments. */
  comments: FakeComment[] = [];
  /** The repository's issues, each with its comments. */
  issues: FakeIssue[] = [];
  /** Answer the next N requests with a 500. */
  failNext = 0;
  /** Answer the next N requests with a secondary rate limit. */
  rateLimitNext = 0;
  /** Faults for the next requests, one each, in order: no answer, a 502, the primary rate limit spent, or a body that is not JSON. */
  faults: ('hang' | '502' | 'rate-limit' | 'invalid-json')[] = [];
  /** The token may only read (a fork's pull request). */
  readOnly = false;
  readonly requests: string[] = [];
  readonly problems: string[] = [];
  /** The repository's branches; `main` is the default. */
  readonly branches = new Map<string, FakeBranch>([['main', { sha: 'a'.repeat(40), files: new Map() }]]);
  /** Pull requests opened through the API. */
  readonly pulls: FakePull[] = [];
  /** repository_dispatch events received: their event_type and client_payload. */
  readonly dispatches: { event_type: string; client_payload: unknown }[] = [];
  /** Commits made through the contents API, as "branch path message". */
  readonly commits: string[] = [];
  private nextSha = 1;
  private server!: Server;
  private nextCommentId = 1000;

  private constructor(readonly pull: { owner: string; repo: string; number: number; author: string; headSha: string }) {}

  /** Starts a fake for a pull request. */
  static async start(pull: FakeGitHub['pull']): Promise<FakeGitHub> {
    const fake = new FakeGitHub(pull);
    // Compiling a response's schema can take longer than a test client's request timeout (100 ms), so that a POST is sent twice: compile them all before any request (once a process).
    for (const route of fake.routes) checkResponse(route.template, route.method.toLowerCase(), route.status, undefined);
    fake.server = createServer((request, response) => fake.handle(request, response));
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections(); // requests left hanging on purpose
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private readonly routes: Route[] = [
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/pulls/{pull_number}',
      pattern: /^\/repos\/[^/]+\/[^/]+\/pulls\/\d+$/,
      status: 200,
      answer: () => this.pullRequest(),
    },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/pulls/{pull_number}/reviews',
      pattern: /^\/repos\/[^/]+\/[^/]+\/pulls\/\d+\/reviews$/,
      status: 200,
      answer: () => this.reviews.map((review, index) => this.review(review, index)),
    },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/issues/{issue_number}/comments',
      pattern: /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/,
      status: 200,
      answer: (match) => this.commentsOf(Number(match[1]))?.map((comment) => this.comment(comment)),
    },
    {
      method: 'POST',
      template: '/repos/{owner}/{repo}/issues/{issue_number}/comments',
      pattern: /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/,
      status: 201,
      answer: (match, _url, body) => this.addComment(Number(match[1]), body),
    },
    {
      method: 'PATCH',
      template: '/repos/{owner}/{repo}/issues/comments/{comment_id}',
      pattern: /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/,
      status: 200,
      answer: (match, _url, body) => this.editComment(Number(match[1]), body),
    },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/issues',
      pattern: /^\/repos\/[^/]+\/[^/]+\/issues$/,
      status: 200,
      answer: () => this.issues.map((issue) => this.issue(issue)),
    },
    {
      method: 'POST',
      template: '/repos/{owner}/{repo}/issues',
      pattern: /^\/repos\/[^/]+\/[^/]+\/issues$/,
      status: 201,
      answer: (_match, _url, body) => this.addIssue(body),
    },
    {
      method: 'PATCH',
      template: '/repos/{owner}/{repo}/issues/{issue_number}',
      pattern: /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)$/,
      status: 200,
      answer: (match, _url, body) => this.editIssue(Number(match[1]), body),
    },
    {
      method: 'POST',
      template: '/repos/{owner}/{repo}/dispatches',
      pattern: /^\/repos\/[^/]+\/[^/]+\/dispatches$/,
      status: 204,
      checksBody: true,
      answer: (_match, _url, body) => {
        this.dispatches.push(JSON.parse(body) as { event_type: string; client_payload: unknown });
        return null;
      },
    },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}',
      pattern: /^\/repos\/[^/]+\/[^/]+$/,
      status: 200,
      answer: () => ({ ...exampleOf<Record<string, unknown>>('full-repository'), has_discussions: false, default_branch: 'main' }),
    },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/pulls',
      pattern: /^\/repos\/[^/]+\/[^/]+\/pulls$/,
      status: 200,
      answer: (_match, url) =>
        this.pulls
          .filter((pull) => (url.searchParams.get('state') ?? 'open') === pull.state)
          .filter((pull) => !url.searchParams.has('head') || url.searchParams.get('head') === `${this.pull.owner}:${pull.head}`)
          .map((pull) => this.simplePull(pull)),
    },
    {
      method: 'POST',
      template: '/repos/{owner}/{repo}/pulls',
      pattern: /^\/repos\/[^/]+\/[^/]+\/pulls$/,
      status: 201,
      checksBody: true,
      answer: (_match, _url, body) => this.openPull(JSON.parse(body) as { head: string; base: string; title: string; body: string }),
    },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/pulls/{pull_number}/files',
      pattern: /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)\/files$/,
      status: 200,
      answer: (match) => {
        const pull = this.pulls.find((candidate) => candidate.number === Number(match[1]));
        const example = exampleOf<Record<string, unknown>[]>('diff-entry-items')[0]!;
        return pull?.files.map((filename) => ({ ...example, filename, status: 'added' }));
      },
    },
    {
      method: 'POST',
      template: '/repos/{owner}/{repo}/issues/{issue_number}/labels',
      pattern: /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/labels$/,
      status: 200,
      checksBody: true,
      answer: (match, _url, body) => {
        const pull = this.pulls.find((candidate) => candidate.number === Number(match[1]));
        if (!pull) return undefined;
        pull.labels.push(...(JSON.parse(body) as { labels: string[] }).labels.filter((label) => !pull.labels.includes(label)));
        const example = exampleOf<Record<string, unknown>[]>('label-items')[0]!;
        return pull.labels.map((name, index) => ({ ...example, id: index + 1, name }));
      },
    },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/branches/{branch}',
      pattern: /^\/repos\/[^/]+\/[^/]+\/branches\/([^/]+)$/,
      status: 200,
      answer: (match) => this.branch(decodeURIComponent(match[1]!)),
    },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/git/ref/{ref}',
      pattern: /^\/repos\/[^/]+\/[^/]+\/git\/ref\/heads(?:\/|%2F)(.+)$/i,
      status: 200,
      answer: (match) => this.ref(decodeURIComponent(match[1]!)),
    },
    {
      method: 'POST',
      template: '/repos/{owner}/{repo}/git/refs',
      pattern: /^\/repos\/[^/]+\/[^/]+\/git\/refs$/,
      status: 201,
      checksBody: true,
      answer: (_match, _url, body) => {
        const { ref, sha } = JSON.parse(body) as { ref: string; sha: string };
        const name = ref.replace(/^refs\/heads\//, '');
        if (this.branches.has(name)) return 'exists';
        const from = [...this.branches.values()].find((branch) => branch.sha === sha);
        this.branches.set(name, { sha, files: new Map(from?.files ?? []) });
        return this.ref(name);
      },
    },
    {
      method: 'PATCH',
      template: '/repos/{owner}/{repo}/git/refs/{ref}',
      pattern: /^\/repos\/[^/]+\/[^/]+\/git\/refs\/heads(?:\/|%2F)(.+)$/i,
      status: 200,
      checksBody: true,
      answer: (match, _url, body) => {
        const name = decodeURIComponent(match[1]!);
        const branch = this.branches.get(name);
        const { sha } = JSON.parse(body) as { sha: string };
        const from = [...this.branches.values()].find((candidate) => candidate.sha === sha);
        if (!branch || !from) return undefined;
        this.branches.set(name, { sha, files: new Map(from.files) });
        return this.ref(name);
      },
    },
    {
      method: 'GET',
      template: '/repos/{owner}/{repo}/contents/{path}',
      pattern: /^\/repos\/[^/]+\/[^/]+\/contents\/(.+)$/,
      status: 200,
      answer: (match, url) => {
        const path = decodeURIComponent(match[1]!);
        const text = this.branches.get(url.searchParams.get('ref') ?? 'main')?.files.get(path);
        if (text === undefined) return undefined;
        return {
          ...exampleOf<Record<string, unknown>>('content-file'),
          path,
          name: path.split('/').at(-1),
          sha: blobSha(text),
          content: Buffer.from(text).toString('base64'),
          encoding: 'base64',
        };
      },
    },
    {
      method: 'PUT',
      template: '/repos/{owner}/{repo}/contents/{path}',
      pattern: /^\/repos\/[^/]+\/[^/]+\/contents\/(.+)$/,
      status: 201,
      checksBody: true,
      answer: (match, _url, body) => {
        const path = decodeURIComponent(match[1]!);
        const put = JSON.parse(body) as { message: string; content: string; branch: string; sha?: string };
        const branch = this.branches.get(put.branch);
        if (!branch) return undefined;
        const before = branch.files.get(path);
        if ((before === undefined) !== (put.sha === undefined) || (before !== undefined && blobSha(before) !== put.sha)) return 'conflict';
        branch.files.set(path, Buffer.from(put.content, 'base64').toString('utf8'));
        branch.sha = (this.nextSha++).toString(16).padStart(40, '0');
        this.commits.push(`${put.branch} ${path} ${put.message}`);
        for (const pull of this.pulls) if (pull.head === put.branch && !pull.files.includes(path)) pull.files.push(path);
        const example = exampleOf<{ content: Record<string, unknown> }>('file-commit');
        return { ...example, content: { ...example.content, path, name: path.split('/').at(-1), sha: blobSha(branch.files.get(path)!) } };
      },
    },
  ];

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let body = '';
    for await (const chunk of request) body += chunk;
    const url = new URL(request.url ?? '/', this.url);
    const method = request.method ?? 'GET';
    this.requests.push(`${method} ${url.pathname}${url.search}`);
    const send = (status: number, data: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      response.end(JSON.stringify(data));
    };
    if (request.headers.authorization !== `token ${this.token}`)
      return send(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' });
    if (this.failNext > 0) {
      this.failNext--;
      return send(500, { message: 'Server Error' });
    }
    const fault = this.faults.shift();
    if (fault === 'hang') return; // the client's timeout must cut it off
    if (fault === '502') return send(502, { message: 'Bad Gateway' });
    if (fault === 'rate-limit') {
      const reset = String(Math.ceil(Date.now() / 1000) + 1);
      return send(
        403,
        { message: 'API rate limit exceeded for installation.', documentation_url: 'https://docs.github.com/rest' },
        { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
      );
    }
    if (fault === 'invalid-json') {
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      response.end('{"number": 7, "user": ');
      return;
    }
    if (this.rateLimitNext > 0) {
      this.rateLimitNext--;
      return send(
        403,
        {
          message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
          documentation_url: 'https://docs.github.com/rest',
        },
        { 'retry-after': '1' },
      );
    }
    const route = this.routes.find((candidate) => candidate.method === method && candidate.pattern.test(url.pathname));
    if (!route) return send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
    if (method !== 'GET' && this.readOnly)
      return send(403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' });

    if (route.checksBody) this.problems.push(...checkRequest(route.template, method.toLowerCase(), JSON.parse(body || 'null')));
    const data = route.answer(url.pathname.match(route.pattern)!, url, body);
    if (data === undefined) return send(404, { message: 'Not Found' });
    if (data === 'exists' || data === 'pull-exists') {
      const refused =
        data === 'exists'
          ? { message: 'Reference already exists', documentation_url: 'https://docs.github.com/rest' }
          : {
              message: 'Validation Failed',
              errors: [{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${this.pull.owner}:${JSON.parse(body).head}.` }],
              documentation_url: 'https://docs.github.com/rest',
            };
      this.problems.push(...checkResponse(route.template, method.toLowerCase(), 422, refused));
      return send(422, refused);
    }
    if (data === 'conflict') return send(409, { message: 'sha does not match', documentation_url: 'https://docs.github.com/rest' });
    if (data === null) {
      response.writeHead(route.status);
      response.end();
      return;
    }
    const page = Array.isArray(data) ? this.paginate(data, url) : { data, headers: {} };
    this.problems.push(...checkResponse(route.template, method.toLowerCase(), route.status, page.data));
    send(route.status, page.data, page.headers);
  }

  /** One page of a list, with a Link header to the next and last pages, as GitHub paginates. */
  private paginate(items: unknown[], url: URL): { data: unknown[]; headers: Record<string, string> } {
    const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), 100);
    const page = Number(url.searchParams.get('page') ?? 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = (n: number) => {
      const next = new URL(url);
      next.searchParams.set('page', String(n));
      next.searchParams.set('per_page', String(perPage));
      return next.toString();
    };
    const links = [...(page < last ? [`<${link(page + 1)}>; rel="next"`] : []), `<${link(last)}>; rel="last"`];
    return { data: items.slice((page - 1) * perPage, page * perPage), headers: { link: links.join(', ') } };
  }

  private user(login: string, type: 'Bot' | 'User' = 'User') {
    const { user } = exampleOf<{ user: Record<string, unknown> }[]>('pull-request-review-items')[0]!;
    return { ...user, login, type };
  }

  private pullRequest() {
    const pull = exampleOf<{ number: number; user: unknown; head: { sha: string }; requested_teams: unknown[] }>('pull-request');
    pull.number = this.pull.number;
    pull.user = this.user(this.pull.author);
    pull.head.sha = this.pull.headSha;
    pull.requested_teams = [];
    return pull;
  }

  private review(review: FakeReview, index: number) {
    const example = exampleOf<Record<string, unknown>[]>('pull-request-review-items')[0]!;
    return { ...example, id: index + 1, user: this.user(review.login), state: review.state, commit_id: review.commitId };
  }

  private comment(comment: FakeComment) {
    return { ...exampleOf('issue-comment'), id: comment.id, user: this.user(comment.login, comment.type), body: comment.body };
  }

  /** The comments of the pull request or of an issue. */
  private commentsOf(number: number): FakeComment[] | undefined {
    return number === this.pull.number ? this.comments : this.issues.find((issue) => issue.number === number)?.comments;
  }

  private addComment(number: number, body: string) {
    const comments = this.commentsOf(number);
    if (!comments) return undefined;
    const comment: FakeComment = { id: this.nextCommentId++, login: 'github-actions[bot]', type: 'Bot', body: (JSON.parse(body) as { body: string }).body };
    comments.push(comment);
    return this.comment(comment);
  }

  private issue(issue: FakeIssue) {
    const { pull_request: _pullRequest, ...example } = exampleOf<{ pull_request?: unknown }>('issue');
    return {
      ...example,
      number: issue.number,
      title: issue.title,
      body: issue.body,
      state: issue.state,
      user: this.user('github-actions[bot]', issue.type),
      comments: issue.comments.length,
    };
  }

  private addIssue(body: string) {
    const { title, body: text } = JSON.parse(body) as { title: string; body: string };
    const issue: FakeIssue = { number: 100 + this.issues.length, title, body: text, state: 'open', type: 'Bot', comments: [] };
    this.issues.push(issue);
    return this.issue(issue);
  }

  private editIssue(number: number, body: string) {
    const issue = this.issues.find((candidate) => candidate.number === number);
    if (!issue) return undefined;
    Object.assign(issue, JSON.parse(body) as Partial<FakeIssue>);
    return this.issue(issue);
  }

  private editComment(id: number, body: string) {
    const comment = [...this.comments, ...this.issues.flatMap((issue) => issue.comments)].find((candidate) => candidate.id === id);
    if (!comment) return undefined;
    comment.body = (JSON.parse(body) as { body: string }).body;
    return this.comment(comment);
  }

  private branch(name: string) {
    const branch = this.branches.get(name);
    if (!branch) return undefined;
    const example = exampleOf<{ name: string; commit: { sha: string }; protection: { required_status_checks: Record<string, unknown> } }>(
      'branch-with-protection',
    );
    // GitHub's example leaves out a property its own schema requires.
    example.protection.required_status_checks.checks ??= [];
    return { ...example, name, commit: { ...example.commit, sha: branch.sha } };
  }

  private ref(name: string) {
    const branch = this.branches.get(name);
    if (!branch) return undefined;
    const example = exampleOf<{ object: Record<string, unknown> }>('git-ref');
    return { ...example, ref: `refs/heads/${name}`, object: { ...example.object, sha: branch.sha } };
  }

  private simplePull(pull: FakePull) {
    const example = exampleOf<Record<string, unknown> & { head: Record<string, unknown>; base: Record<string, unknown> }>('pull-request-simple');
    const full = `${this.pull.owner}/${this.pull.repo}`;
    const repo = { ...(example.head.repo as Record<string, unknown>), full_name: full };
    return {
      ...example,
      number: pull.number,
      state: pull.state,
      title: pull.title,
      body: pull.body,
      html_url: `https://github.com/${full}/pull/${pull.number}`,
      head: { ...example.head, ref: pull.head, sha: this.branches.get(pull.head)?.sha ?? example.head.sha, repo },
      base: { ...example.base, ref: pull.base, repo },
      requested_teams: [],
    };
  }

  private openPull(request: { head: string; base: string; title: string; body: string }) {
    if (!this.branches.has(request.head)) return undefined;
    // As GitHub: one open pull request a head and base.
    if (this.pulls.some((pull) => pull.state === 'open' && pull.head === request.head && pull.base === request.base)) return 'pull-exists';
    const base = this.branches.get(request.base)!;
    const head = this.branches.get(request.head)!;
    const files = [...head.files].filter(([path, text]) => base.files.get(path) !== text).map(([path]) => path);
    const pull: FakePull = { number: 200 + this.pulls.length, ...request, labels: [], state: 'open', files };
    this.pulls.push(pull);
    const full = exampleOf<Record<string, unknown>>('pull-request');
    return {
      ...full,
      number: pull.number,
      title: pull.title,
      body: pull.body,
      html_url: `https://github.com/${this.pull.owner}/${this.pull.repo}/pull/${pull.number}`,
      requested_teams: [],
    };
  }
}

/** A file's blob id as git computes it. */
function blobSha(text: string): string {
  const bytes = Buffer.from(text);
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}
