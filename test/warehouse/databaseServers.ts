// Real database servers for the store tests, each in a temporary folder on free 127.0.0.1 ports:
// Debian's PostgreSQL (run as the `postgres` user when the tests run as root, as initdb requires)
// and Debian's clickhouse-server with a config of its own. Without them the tests are skipped,
// loudly; with CI=true (where .ci/run installs them) a missing server fails instead.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from '../freePort.ts'

export { freePort }

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** A missing server: skipped with a message, or a failure under CI. */
export function missing(what: string): string | undefined {
  const message = `${what} not found: its store tests are SKIPPED (CI installs it).`
  if (process.env.CI === 'true') throw new Error(`${message} CI=true requires it.`)
  console.warn(`\n[trackplan tests] ${message}\n`)
  return message
}

function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return undefined
  const version = readdirSync(root).sort().at(-1)
  const bin = version === undefined ? undefined : join(root, version, 'bin')
  return bin !== undefined && existsSync(join(bin, 'initdb')) ? bin : undefined
}

export const hasPostgres = (): boolean => postgresBin() !== undefined
export const hasClickHouse = (): boolean => spawnSync('sh', ['-c', 'command -v clickhouse-server'], { encoding: 'utf8' }).status === 0

export interface PostgresServer {
  url: string
  port: number
  stop(): Promise<void>
  start(): Promise<void>
  remove(): Promise<void>
}

/** A fresh PostgreSQL cluster on a free port, its socket and data in a temporary folder. */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = postgresBin()
  if (!bin) throw new Error('PostgreSQL is not installed')
  const directory = mkdtempSync(join(tmpdir(), 'trackplan-pg-'))
  const asRoot = process.getuid?.() === 0
  const owner = asRoot ? Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim()) : undefined
  if (owner !== undefined) {
    chmodSync(directory, 0o755)
    chownSync(directory, owner, owner)
  }
  const run = (command: string, args: string[]): void => {
    const full = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, command), ...args]] as const : [join(bin, command), args] as const
    const result = spawnSync(full[0], full[1], { encoding: 'utf8', cwd: directory })
    if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr}${result.stdout}`)
  }
  const data = join(directory, 'data')
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8'])
  const port = await freePort()
  const start = async (): Promise<void> => {
    run('pg_ctl', ['-D', data, '-l', join(directory, 'log'), '-w', '-o', `-p ${port} -k ${directory} -c listen_addresses=127.0.0.1`, 'start'])
  }
  await start()
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    async stop() {
      run('pg_ctl', ['-D', data, '-w', '-m', 'fast', 'stop'])
    },
    async remove() {
      try {
        run('pg_ctl', ['-D', data, '-w', '-m', 'immediate', 'stop'])
      } catch {
        // already stopped
      }
      rmSync(directory, { recursive: true, force: true })
    },
  }
}

export interface ClickHouseServer {
  url: string
  /** kill -9, keeping its data; `start` brings it back on the same port. */
  kill(): Promise<void>
  start(): Promise<void>
  /** Killed, and its folder removed. */
  stop(): Promise<void>
}

/** clickhouse-server with a config of its own: free ports on 127.0.0.1, data under a temporary folder. */
export async function startClickHouse(): Promise<ClickHouseServer> {
  const directory = mkdtempSync(join(tmpdir(), 'trackplan-ch-'))
  for (const folder of ['data', 'tmp', 'user_files', 'format_schemas']) mkdirSync(join(directory, folder))
  const [http, tcp, interserver] = [await freePort(), await freePort(), await freePort()]
  writeFileSync(
    join(directory, 'config.xml'),
    `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${directory}/server.log</log><errorlog>${directory}/error.log</errorlog><console>0</console></logger>
  <http_port>${http}</http_port>
  <tcp_port>${tcp}</tcp_port>
  <interserver_http_port>${interserver}</interserver_http_port>
  <listen_host>127.0.0.1</listen_host>
  <path>${directory}/data/</path>
  <tmp_path>${directory}/tmp/</tmp_path>
  <user_files_path>${directory}/user_files/</user_files_path>
  <format_schema_path>${directory}/format_schemas/</format_schema_path>
  <mark_cache_size>5368709120</mark_cache_size>
  <users_config>${directory}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
</yandex>
`,
  )
  writeFileSync(
    join(directory, 'users.xml'),
    `<?xml version="1.0"?>
<yandex>
  <profiles><default></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default></default></quotas>
</yandex>
`,
  )
  const url = `http://127.0.0.1:${http}`
  let child: ChildProcess | undefined
  const start = async (): Promise<void> => {
    const started = spawn('clickhouse-server', [`--config-file=${join(directory, 'config.xml')}`], { cwd: directory, stdio: 'ignore' })
    child = started
    for (let tries = 0; ; tries++) {
      try {
        if ((await fetch(`${url}/ping`)).ok) return
      } catch {
        // not listening yet
      }
      if (tries > 300 || started.exitCode !== null) throw new Error(`clickhouse-server did not start (exit ${started.exitCode})`)
      await wait(100)
    }
  }
  const kill = async (): Promise<void> => {
    const running = child
    child = undefined
    if (!running || running.exitCode !== null) return
    const exited = new Promise((resolve) => running.once('exit', resolve))
    running.kill('SIGKILL')
    await exited
  }
  await start()
  return {
    url,
    start,
    kill,
    async stop() {
      await kill()
      rmSync(directory, { recursive: true, force: true })
    },
  }
}
