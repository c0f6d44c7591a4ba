package org.maecenas.bench;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection, blocking, for one virtual thread of the load generator. Small
 * on purpose: the generator shares two cores with the servers it measures. It sends plain GETs with
 * no cookies and no {@code Accept-Encoding} (an anonymous visitor, uncompressed on both servers) and
 * reads bodies sized by {@code Content-Length} or chunked.
 */
final class HttpConnection implements AutoCloseable {

    /** One exchange: status, body size and the nanosecond marks relative to the request's start. */
    record Response(int status, int bodyBytes, long firstByteNanos, long totalNanos) {}

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private boolean closeAfter;

    HttpConnection(String host, int port) {
        this.host = host;
        this.port = port;
    }

    Response get(String pathAndQuery) throws IOException {
        byte[] request = ("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + ":" + port
                        + "\r\nUser-Agent: maecenas-bench\r\nAccept: text/html\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        boolean reused = socket != null;
        if (!reused) {
            connect();
        }
        long start = System.nanoTime();
        int first;
        try {
            out.write(request);
            out.flush();
            first = in.read();
            if (first < 0) {
                throw new EOFException("closed");
            }
        } catch (IOException e) {
            if (!reused) {
                throw e;
            }
            // the server closed an idle keep-alive connection between two requests: once more
            close();
            connect();
            start = System.nanoTime();
            out.write(request);
            out.flush();
            first = in.read();
            if (first < 0) {
                throw new EOFException("closed by the server");
            }
        }
        long firstByte = System.nanoTime() - start;
        String statusLine = (char) first + line();
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        closeAfter = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" ->
                    chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> closeAfter = value.equalsIgnoreCase("close");
                default -> {}
            }
        }
        int body;
        if (chunked) {
            body = readChunked();
        } else if (length >= 0) {
            body = (int) skip(length);
        } else if (status == 204 || status == 304 || (status >= 300 && status < 400 && length < 0)) {
            body = 0;
        } else {
            body = (int) skip(Long.MAX_VALUE);
            closeAfter = true;
        }
        long total = System.nanoTime() - start;
        if (closeAfter) {
            close();
        }
        return new Response(status, body, firstByte, total);
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 5_000);
        socket.setSoTimeout(60_000);
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        out = socket.getOutputStream();
    }

    private int readChunked() throws IOException {
        int total = 0;
        while (true) {
            String size = line();
            int semicolon = size.indexOf(';');
            int chunk = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (chunk == 0) {
                while (!line().isEmpty()) {
                    // trailers
                }
                return total;
            }
            total += (int) skip(chunk);
            line();
        }
    }

    private long skip(long bytes) throws IOException {
        long done = 0;
        byte[] buffer = new byte[8192];
        while (done < bytes) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, bytes - done));
            if (n < 0) {
                if (bytes == Long.MAX_VALUE) {
                    return done;
                }
                throw new EOFException("body cut short");
            }
            done += n;
        }
        return done;
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed in the headers");
            }
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            line.append((char) b);
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket = null;
    }
}
