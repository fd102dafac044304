#include "platform/http/HttpServer.h"

#include "engine/base/Exception.h"
#include "platform/http/HttpErrorStatus.h"
#include "platform/http/HttpHandler.h"
#include "platform/http/HttpRouter.h"
#include "platform/http/PlatformContext.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <atomic>
#include <optional>
#include <thread>
#include <vector>

namespace pipit
{

namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace net = boost::asio;
using tcp = boost::asio::ip::tcp;

namespace
{

char asciiLower(char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

void setCommonHeaders(http::response<http::string_body> & message)
{
    message.set(http::field::server, "pipit");
    message.set(http::field::access_control_allow_origin, "*");
}

} // namespace

struct HttpServer::Impl
{
    HttpServerOptions options;
    PlatformContext & platform;
    const HttpRouter & router;
    net::io_context io_context;
    tcp::acceptor acceptor;
    net::signal_set signals;
    std::atomic<bool> stopped {false};

    Impl(HttpServerOptions options_, PlatformContext & platform_, const HttpRouter & router_)
        : options(std::move(options_))
        , platform(platform_)
        , router(router_)
        , io_context(static_cast<int>(std::max<size_t>(1, options.threads)))
        , acceptor(net::make_strand(io_context))
        , signals(io_context)
    {
    }

};

namespace
{

/// One keep-alive connection: read headers -> bound the body by the route -> read body -> dispatch ->
/// write -> repeat. All steps run on the connection's strand; the handler runs inline on a worker thread.
class HttpConnection : public std::enable_shared_from_this<HttpConnection>
{
public:
    HttpConnection(tcp::socket && socket, HttpServer & server, HttpServer::Impl & impl)
        : stream_(std::move(socket))
        , server_(server)
        , impl_(impl)
    {
    }

    void start()
    {
        beast::error_code ignored;
        stream_.socket().set_option(tcp::no_delay(true), ignored);
        auto endpoint = stream_.socket().remote_endpoint(ignored);
        if (!ignored)
            remote_address_ = endpoint.address().to_string();
        net::dispatch(stream_.get_executor(), beast::bind_front_handler(&HttpConnection::readHeader, shared_from_this()));
    }

private:
    void readHeader()
    {
        parser_.emplace();
        parser_->header_limit(static_cast<uint32_t>(impl_.options.max_header_size));
        parser_->body_limit(HttpRouteOptions {}.max_body_size);
        stream_.expires_after(impl_.options.header_timeout);
        http::async_read_header(stream_, buffer_, *parser_, beast::bind_front_handler(&HttpConnection::onHeader, shared_from_this()));
    }

    void onHeader(beast::error_code error, size_t)
    {
        if (error)
        {
            handleReadError(error);
            return;
        }
        const auto & header = parser_->get();
        std::string_view target(header.target().data(), header.target().size());
        std::string_view path = target.substr(0, target.find('?'));
        body_limit_ = impl_.router.maxBodySize(std::string_view(header.method_string().data(), header.method_string().size()),
                                               HttpRequest::percentDecode(path, false));
        if (auto length = parser_->content_length(); length && *length > body_limit_)
        {
            sendError(413, "Request body of " + std::to_string(*length) + " bytes is larger than the limit of "
                               + std::to_string(body_limit_) + " bytes",
                      true);
            return;
        }
        parser_->body_limit(body_limit_);
        auto expect = header[http::field::expect];
        if (expect.size() == 12 && beast::iequals(expect, "100-continue"))
        {
            continue_response_.emplace(http::status::continue_, header.version());
            stream_.expires_after(impl_.options.write_timeout);
            http::async_write(stream_, *continue_response_,
                              beast::bind_front_handler(&HttpConnection::onContinueWritten, shared_from_this()));
            return;
        }
        readBody();
    }

    void onContinueWritten(beast::error_code error, size_t)
    {
        if (error)
        {
            close();
            return;
        }
        readBody();
    }

    void readBody()
    {
        stream_.expires_after(impl_.options.body_timeout);
        http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&HttpConnection::onRead, shared_from_this()));
    }

    void handleReadError(beast::error_code error)
    {
        if (error == http::error::end_of_stream || error == beast::error::timeout || error == net::error::operation_aborted
            || error == net::error::connection_reset || error == net::error::eof || error == net::error::broken_pipe)
        {
            close();
            return;
        }
        if (error == http::error::body_limit)
        {
            sendError(413, "Request body is larger than the limit of " + std::to_string(body_limit_) + " bytes", true);
            return;
        }
        if (error == http::error::header_limit)
        {
            sendError(431, "Request headers are too large", true);
            return;
        }
        if (error.category() == http::make_error_code(http::error::bad_version).category() || error == http::error::partial_message)
        {
            sendError(400, "Malformed HTTP request: " + error.message(), true);
            return;
        }
        close();
    }

    void onRead(beast::error_code error, size_t)
    {
        if (error)
        {
            handleReadError(error);
            return;
        }
        auto message = parser_->release();
        parser_.reset();

        HttpRequest request;
        request.method = std::string(message.method_string());
        request.target = std::string(message.target());
        request.remote_address = remote_address_;
        request.headers.reserve(8);
        for (const auto & field : message)
        {
            std::string name(field.name_string());
            std::transform(name.begin(), name.end(), name.begin(), asciiLower);
            request.headers.emplace_back(std::move(name), std::string(field.value()));
        }
        request.body = std::move(message.body());
        bool keep_alive = message.keep_alive();
        unsigned version = message.version();

        HttpResponse response;
        try
        {
            HttpServer::parseTarget(request.target, request);
            server_.dispatch(request, response);
        }
        catch (...)
        {
            HttpErrorStatus::writeError(std::current_exception(), response);
        }
        send(std::move(response), version, keep_alive, request.method == "HEAD");
    }

    void sendError(int status, std::string_view text, bool close_after)
    {
        HttpResponse response;
        response.error(status, text);
        unsigned version = parser_ ? parser_->get().version() : 11;
        send(std::move(response), version, !close_after, false);
    }

    void send(HttpResponse && response, unsigned version, bool keep_alive, bool head)
    {
        response_.emplace();
        auto & message = *response_;
        message.version(version);
        message.result(static_cast<unsigned>(response.status));
        setCommonHeaders(message);
        if (!response.content_type.empty())
            message.set(http::field::content_type, response.content_type);
        for (auto & [name, value] : response.headers)
            message.insert(name, value);
        message.keep_alive(keep_alive);
        close_after_write_ = !keep_alive;
        if (head)
        {
            message.content_length(response.body.size());
        }
        else
        {
            message.body() = std::move(response.body);
            message.prepare_payload();
        }
        stream_.expires_after(impl_.options.write_timeout);
        if (head)
        {
            serializer_.emplace(message);
            http::async_write_header(stream_, *serializer_, beast::bind_front_handler(&HttpConnection::onWrite, shared_from_this()));
            return;
        }
        http::async_write(stream_, message, beast::bind_front_handler(&HttpConnection::onWrite, shared_from_this()));
    }

    void onWrite(beast::error_code error, size_t)
    {
        serializer_.reset();
        response_.reset();
        if (error || close_after_write_ || impl_.stopped.load(std::memory_order_relaxed))
        {
            close();
            return;
        }
        readHeader();
    }

    void close()
    {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream_.close();
    }

    beast::tcp_stream stream_;
    HttpServer & server_;
    HttpServer::Impl & impl_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    std::optional<http::response<http::string_body>> response_;
    std::optional<http::response<http::empty_body>> continue_response_;
    std::optional<http::response_serializer<http::string_body>> serializer_;
    std::string remote_address_;
    size_t body_limit_ = HttpRouteOptions {}.max_body_size;
    bool close_after_write_ = false;
};

} // namespace

HttpServer::HttpServer(HttpServerOptions options, PlatformContext & platform, const HttpRouter & router)
{
    if (options.threads == 0)
        options.threads = std::max(1u, std::thread::hardware_concurrency());
    impl_ = std::make_unique<Impl>(std::move(options), platform, router);
}

HttpServer::~HttpServer()
{
    stop();
}

void HttpServer::listen()
{
    beast::error_code error;
    auto address = net::ip::make_address(impl_->options.host, error);
    if (error)
        throw Exception(ErrorCode::BAD_ARGUMENTS, "Invalid listen address '" + impl_->options.host + "': " + error.message());
    tcp::endpoint endpoint(address, impl_->options.port);
    auto & acceptor = impl_->acceptor;
    acceptor.open(endpoint.protocol(), error);
    if (!error)
        acceptor.set_option(net::socket_base::reuse_address(true), error);
    if (!error)
        acceptor.bind(endpoint, error);
    if (!error)
        acceptor.listen(net::socket_base::max_listen_connections, error);
    if (error)
        throw Exception(ErrorCode::BAD_ARGUMENTS, "Cannot listen on " + impl_->options.host + ":" + std::to_string(impl_->options.port) + ": "
                                                      + error.message());
}

uint16_t HttpServer::port() const
{
    beast::error_code error;
    auto endpoint = impl_->acceptor.local_endpoint(error);
    return error ? 0 : endpoint.port();
}

void HttpServer::run()
{
    Impl & impl = *impl_;
    impl.signals.add(SIGINT);
    impl.signals.add(SIGTERM);
    impl.signals.async_wait([this](beast::error_code error, int) { if (!error) stop(); });

    std::function<void()> accept;
    accept = [this, &impl, &accept]()
    {
        impl.acceptor.async_accept(net::make_strand(impl.io_context),
                                   [this, &impl, &accept](beast::error_code error, tcp::socket socket)
                                   {
                                       if (impl.stopped.load())
                                           return;
                                       if (!error)
                                           std::make_shared<HttpConnection>(std::move(socket), *this, impl)->start();
                                       accept();
                                   });
    };
    accept();

    std::vector<std::thread> threads;
    threads.reserve(impl.options.threads - 1);
    for (size_t i = 1; i < impl.options.threads; ++i)
        threads.emplace_back([&impl] { impl.io_context.run(); });
    impl.io_context.run();
    for (auto & thread : threads)
        thread.join();
}

void HttpServer::stop()
{
    if (!impl_ || impl_->stopped.exchange(true))
        return;
    net::post(impl_->acceptor.get_executor(),
              [impl = impl_.get()]
              {
                  beast::error_code ignored;
                  impl->acceptor.close(ignored);
                  impl->signals.cancel(ignored);
              });
    impl_->io_context.stop();
}

void HttpServer::parseTarget(std::string_view target, HttpRequest & request)
{
    size_t question = target.find('?');
    std::string_view raw_path = target.substr(0, question);
    request.path = HttpRequest::percentDecode(raw_path, false);
    while (request.path.size() > 1 && request.path.back() == '/')
        request.path.pop_back();
    if (request.path.empty())
        request.path = "/";
    request.query.clear();
    if (question != std::string_view::npos)
        request.query = HttpRequest::parseUrlEncoded(target.substr(question + 1));
}

void HttpServer::dispatch(HttpRequest & request, HttpResponse & response) const
{
    try
    {
        if (request.method == "OPTIONS")
        {
            response.status = 204;
            response.content_type.clear();
            response.addHeader("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS");
            response.addHeader("Access-Control-Allow-Headers", "Authorization, Content-Type, Content-Encoding");
            response.addHeader("Access-Control-Max-Age", "86400");
            return;
        }
        HttpRouter::Match match = impl_->router.match(request.method, request.path);
        if (!match.handler)
        {
            if (match.method_not_allowed)
            {
                response.addHeader("Allow", match.allowed);
                response.error(405, "Method " + request.method + " is not allowed on " + request.path + " (allowed: " + match.allowed + ")");
            }
            else
                response.error(404, "Not found: " + request.method + " " + request.path);
            return;
        }
        request.path_params = std::move(match.path_params);
        size_t limit = match.options->max_body_size;
        if (request.body.size() > limit)
            throw Exception(ErrorCode::PAYLOAD_TOO_LARGE,
                            "Request body is larger than the limit of " + std::to_string(limit) + " bytes");
        for (auto it = request.headers.begin(); it != request.headers.end(); ++it)
        {
            if (it->first != "content-encoding")
                continue;
            std::string encoding = it->second;
            std::transform(encoding.begin(), encoding.end(), encoding.begin(), asciiLower);
            if (encoding == "gzip" || encoding == "x-gzip" || encoding == "deflate")
            {
                request.body = HttpRequest::gunzip(request.body, limit);
                request.headers.erase(it);
            }
            else if (encoding != "identity")
                throw Exception(ErrorCode::BAD_ARGUMENTS, "Unsupported Content-Encoding '" + it->second + "' (gzip is supported)");
            break;
        }
        RequestContext context(impl_->platform, request, response);
        match.handler->handle(request, response, context);
    }
    catch (...)
    {
        HttpErrorStatus::writeError(std::current_exception(), response);
    }
}

} // namespace pipit
