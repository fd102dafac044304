#include "platform/http/HttpRoutes.h"

#include "platform/http/HttpHandler.h"
#include "platform/http/HttpHandlerDatasources.h"
#include "platform/http/HttpHandlerEvents.h"
#include "platform/http/HttpHandlerJobs.h"
#include "platform/http/HttpHandlerPipes.h"
#include "platform/http/HttpHandlerSql.h"
#include "platform/http/HttpHandlerTokens.h"
#include "platform/http/HttpHandlerUnsupported.h"
#include "platform/http/HttpHandlerWorkspaces.h"
#include "platform/http/HttpRouter.h"

#include <memory>

namespace pipit
{

/// Every route of the HTTP API. Each API area adds its handler's registration here: one handler object
/// per area, registered for each of its (method, pattern) pairs. Patterns use `{name}` captures of one
/// segment; handlers read them with request.pathParam("name").
void registerHttpRoutes(HttpRouter & router, PlatformContext & platform)
{
    (void)platform;

    auto sql = std::make_shared<HttpHandlerSql>();
    router.add("GET", "/v0/sql", sql);
    router.add("POST", "/v0/sql", sql);

    HttpHandlerWorkspaces::registerRoutes(router);
    HttpHandlerTokens::registerRoutes(router);
    HttpHandlerEvents::registerRoutes(router);
    HttpHandlerDatasources::registerRoutes(router);
    HttpHandlerJobs::registerRoutes(router);
    HttpHandlerPipes::registerRoutes(router);
    HttpHandlerUnsupported::registerRoutes(router);
}

} // namespace pipit
