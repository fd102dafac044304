#pragma once

namespace pipit
{

class HttpRouter;
class PlatformContext;

/// Registers every route of the HTTP API (the one list; see HttpRoutes.cpp).
void registerHttpRoutes(HttpRouter & router, PlatformContext & platform);

} // namespace pipit
