"""ssl-check.py: certificate checking of the running interpreter, against local TLS servers.

No internet: the `openssl` command makes a throwaway CA with a server certificate for
127.0.0.1, and a self-signed certificate; two HTTPS servers run in threads of this process.
Checked:
- the default context loads the image's CA bundle (SSL_CERT_FILE) and it is not empty;
- a context trusting the throwaway CA completes a request to the CA-signed server;
- the same context refuses that server under another host name (host names are checked);
- the default context refuses the self-signed server.
"""
import http.server
import os
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import threading

# Extensions OpenSSL's strict verification (the default from Python 3.13) wants to see.
OPENSSL_CONFIG = """\
[req]
distinguished_name = name
prompt = no
[name]
CN = fleet test
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1, DNS:localhost
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid, issuer
"""
BODY = b"fleet ssl-check\n"


def openssl(work, *args):
    subprocess.run(["openssl", *args], cwd=work, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def make_certificates(work):
    """Writes ca.pem, server.pem/server.key (signed by the CA) and self.pem/self.key."""
    with open(os.path.join(work, "openssl.cnf"), "w") as handle:
        handle.write(OPENSSL_CONFIG)
    for key in ("ca", "server", "self"):
        openssl(work, "genrsa", "-out", f"{key}.key", "2048")
    common = ["-config", "openssl.cnf", "-sha256", "-days", "2"]
    openssl(work, "req", "-new", "-x509", "-key", "ca.key", "-subj", "/CN=fleet test CA", "-extensions", "ca", "-out", "ca.pem", *common)
    openssl(work, "req", "-new", "-key", "server.key", "-subj", "/CN=127.0.0.1", "-config", "openssl.cnf", "-out", "server.csr")
    openssl(work, "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", "2",
            "-extfile", "openssl.cnf", "-extensions", "server", "-sha256", "-days", "2", "-out", "server.pem")
    openssl(work, "req", "-new", "-x509", "-key", "self.key", "-subj", "/CN=127.0.0.1", "-extensions", "server", "-out", "self.pem", *common)


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Length", str(len(BODY)))
        self.end_headers()
        self.wfile.write(BODY)

    def log_message(self, *args):
        pass


class Server(http.server.HTTPServer):
    def handle_error(self, request, client_address):
        pass  # a client refusing the certificate is what some checks expect


def start_server(certificate, key):
    """An HTTPS server on a free loopback port, served from a daemon thread."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certificate, key)
    server = Server(("127.0.0.1", 0), Handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
    return server


def get(context, server, host_name="127.0.0.1"):
    """The body of GET / from the server, host_name sent as SNI and checked against its certificate."""
    with socket.create_connection(server.server_address, timeout=10) as raw:
        with context.wrap_socket(raw, server_hostname=host_name) as tls:
            tls.sendall(b"GET / HTTP/1.0\r\nHost: " + host_name.encode() + b"\r\n\r\n")
            response = b""
            try:
                for chunk in iter(lambda: tls.recv(4096), b""):
                    response += chunk
            except ssl.SSLError:
                # Python < 3.10 with OpenSSL 3 reports the server closing without close_notify
                # as an error; after the whole answer arrived the exchange did succeed.
                if not response.endswith(BODY):
                    raise
    return response.split(b"\r\n\r\n", 1)[-1]


def refused(context, server, host_name="127.0.0.1"):
    """None when the handshake fails on the certificate; what happened instead otherwise."""
    try:
        get(context, server, host_name)
    except ssl.SSLCertVerificationError:
        return None
    except Exception as error:  # noqa: BLE001 - any other failure is reported as such
        return f"failed otherwise: {type(error).__name__}: {error}"
    return "the connection succeeded"


def main():
    problems = []
    bundle = os.environ.get("SSL_CERT_FILE", "")
    stats = ssl.create_default_context().cert_store_stats()
    if not bundle or not os.path.isfile(bundle):
        problems.append(f"SSL_CERT_FILE is {bundle!r}: not a file (the image's CA bundle)")
    elif stats["x509_ca"] == 0:
        problems.append(f"the default context loaded no CA certificate from {bundle}")
    else:
        print(f"the default context trusts {stats['x509_ca']} CAs from {bundle} ({os.path.realpath(bundle)})")

    work = tempfile.mkdtemp(prefix="ssl-check-")
    try:
        try:
            make_certificates(work)
        except (OSError, subprocess.CalledProcessError) as error:
            details = getattr(error, "stderr", b"") or b""
            raise SystemExit(f"could not make test certificates with the openssl command: {error}\n{details.decode()}")
        good = start_server(os.path.join(work, "server.pem"), os.path.join(work, "server.key"))
        self_signed = start_server(os.path.join(work, "self.pem"), os.path.join(work, "self.key"))
        trusting = ssl.create_default_context(cafile=os.path.join(work, "ca.pem"))
        try:
            body = get(trusting, good)
            if body == BODY:
                print("a context trusting the test CA completes an HTTPS request to its server")
            else:
                problems.append(f"the CA-signed server answered {body!r}")
        except Exception as error:  # noqa: BLE001
            problems.append(f"a context trusting the test CA could not reach its server: {type(error).__name__}: {error}")
        for what, context, server, name in (
            ("a wrong host name", trusting, good, "wrong.invalid"),
            ("the self-signed server, with the default context", ssl.create_default_context(), self_signed, "127.0.0.1"),
        ):
            outcome = refused(context, server, name)
            if outcome is None:
                print(f"refused as it should: {what}")
            else:
                problems.append(f"{what}: {outcome}")
        good.shutdown()
        self_signed.shutdown()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    for problem in problems:
        print(f"wrong: {problem}")
    print(f"{sys.executable}: {ssl.OPENSSL_VERSION}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
