#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace pipit
{

class PlatformContext;
class HttpRouter;
struct HttpRequest;
struct HttpResponse;

struct HttpServerOptions
{
    std::string host = "127.0.0.1";
    /// 0 picks a free port (see HttpServer::port()).
    uint16_t port = 7181;
    /// Worker threads running connections and handlers (0: one per core).
    size_t threads = 0;
    /// Largest request header block.
    size_t max_header_size = 64u << 10;
    /// Time allowed to receive a request's headers, which is also the keep-alive idle timeout.
    std::chrono::seconds header_timeout {60};
    /// Time allowed to receive a request's body.
    std::chrono::seconds body_timeout {300};
    /// Time allowed to send a response.
    std::chrono::seconds write_timeout {300};
};

/// HTTP/1.1 server (Boost.Beast on Asio): keep-alive connections served by a fixed pool of threads that
/// also run the handlers (no thread per request). Request bodies are bounded per route (HttpRouteOptions,
/// 413 above), gzip bodies are inflated, malformed requests get 400 and are closed, every handler exception
/// becomes a JSON error (HttpErrorStatus), and CORS is open (`Access-Control-Allow-Origin: *`, OPTIONS
/// preflight answered) so browser dashboards can call endpoints.
class HttpServer
{
public:
    HttpServer(HttpServerOptions options, PlatformContext & platform, const HttpRouter & router);
    ~HttpServer();

    HttpServer(const HttpServer &) = delete;
    HttpServer & operator=(const HttpServer &) = delete;

    /// Binds and listens; throws Exception(BAD_ARGUMENTS) when the address cannot be bound.
    void listen();
    /// The bound port (after listen()).
    uint16_t port() const;
    /// Serves on the worker threads until stop() or SIGINT/SIGTERM; returns after they all finished.
    void run();
    /// Stops accepting and serving; run() returns. Safe from any thread.
    void stop();

    /// Routes and handles one decoded request without a socket (the server's whole per-request logic:
    /// 404/405, gzip, body limits, CORS preflight, errors -> JSON). Used by the connections and by tests.
    void dispatch(HttpRequest & request, HttpResponse & response) const;

    /// Splits a request target into the decoded path (trailing '/' removed) and the decoded query pairs.
    static void parseTarget(std::string_view target, HttpRequest & request);

    /// Implementation state (Asio objects), shared with the connections.
    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

} // namespace pipit
