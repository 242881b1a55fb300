#!/usr/bin/env python3
"""A TCP proxy on loopback that holds every chunk 5 ms before passing it on, both ways: the
database as far away as another machine. Usage: delay_proxy.py LISTEN_PORT TARGET_PORT [MS]"""
import asyncio
import sys

listen_port, target_port = int(sys.argv[1]), int(sys.argv[2])
delay = (float(sys.argv[3]) if len(sys.argv) > 3 else 5.0) / 1000


async def pipe(reader, writer):
    try:
        while chunk := await reader.read(65536):
            await asyncio.sleep(delay)
            writer.write(chunk)
            await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        writer.close()


async def connection(client_reader, client_writer):
    try:
        server_reader, server_writer = await asyncio.open_connection("127.0.0.1", target_port)
    except OSError:
        client_writer.close()
        return
    await asyncio.gather(pipe(client_reader, server_writer), pipe(server_reader, client_writer))


async def main():
    server = await asyncio.start_server(connection, "127.0.0.1", listen_port)
    async with server:
        await server.serve_forever()

asyncio.run(main())
