#pragma once

#include "platform/http/HttpHandler.h"

namespace pipit
{

class HttpRouter;

/// Tokens API (tinybird.md §3.7), every route needs TOKENS or ADMIN in the caller's workspace:
///   GET    /v0/tokens                      {"tokens": [token objects]}
///   GET    /v0/tokens/{token}              token object (by id or name)
///   POST   /v0/tokens?name=&scope=...      static token (scope repeated; query or form body; description, origin)
///   POST   /v0/tokens?expiration_time=<s>  JSON body {name, scopes, limits?} -> {"token": "<JWT>"}
///                                          (a JSON body with `scope: [strings]` and no expiration creates a static token)
///   PUT    /v0/tokens/{token}?scope=...    replaces the scopes (query or form body)
///   POST   /v0/tokens/{token}/refresh      token object with a new value
///   DELETE /v0/tokens/{token}              204
/// Token object: {"id","name","token","description","scopes":[{"type","resource","filter"}],"origin":{"type"}}.
class HttpHandlerTokens : public HttpHandler
{
public:
    void handle(const HttpRequest & request, HttpResponse & response, RequestContext & context) override;

    /// Adds the Tokens API routes to `router`.
    static void registerRoutes(HttpRouter & router);
};

} // namespace pipit
