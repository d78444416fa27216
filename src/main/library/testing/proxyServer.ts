import { createServer, request as httpRequest } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'

/**
 * A tiny forward proxy on 127.0.0.1 (a random port) that records each use: `CONNECT host:port`
 * for a tunnel (https, and http through undici's proxy agent) or `GET http://…` in absolute
 * form for plain http. `HTTPS_PROXY=proxy.url` sends a client through it.
 */
export interface ProxyServer {
  url: string
  /** e.g. 'CONNECT 127.0.0.1:41234' or 'GET http://127.0.0.1:41234/api/query?…'. */
  uses: string[]
  close: () => Promise<void>
}

export async function startProxyServer(): Promise<ProxyServer> {
  const uses: string[] = []
  const sockets = new Set<Socket>()
  const server = createServer((request, response) => {
    uses.push(`${request.method} ${request.url}`)
    const target = new URL(request.url ?? '')
    const upstream = httpRequest(
      target,
      { method: request.method, headers: request.headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(response)
      },
    )
    upstream.on('error', () => response.destroy())
    request.pipe(upstream)
  })
  server.on('connect', (request, client: Socket, head: Buffer) => {
    uses.push(`CONNECT ${request.url}`)
    const [host = '', port = ''] = (request.url ?? '').split(/:(?=\d+$)/)
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    const end = () => {
      upstream.destroy()
      client.destroy()
    }
    upstream.on('error', end)
    client.on('error', end)
    sockets.add(upstream)
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    uses,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
