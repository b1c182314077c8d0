// Types of scripts/lib/instances.mjs for the TypeScript side (the two-instance journey).
export function freePort(): Promise<number>;
export type SandboxProcess = { endpoint: string; port: number; output(): string; stop(): Promise<void> };
export function startSandboxProcess(options?: { accounts?: number; faults?: string[]; extra?: string[] }): Promise<SandboxProcess>;
export function migrate(databaseUrl: string): void;
export function createAdmin(databaseUrl: string, username: string, password: string): void;
export type WardenServer = { name: string; url: string; pid: number | undefined; output(): string; kill(): Promise<void>; stop(): Promise<void> };
export function startWarden(options: { name: string; databaseUrl: string; sandbox: { endpoint: string }; env?: Record<string, string> }): Promise<WardenServer>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ApiResponse = { status: number; json: any; text: string };
export type ApiClient = { cookie: string; get(path: string): Promise<ApiResponse>; post(path: string, body: unknown): Promise<ApiResponse> };
export function signIn(server: WardenServer, username: string, password: string): Promise<ApiClient>;
export function apiClient(server: WardenServer, cookie: string): ApiClient;
