#include "platform/http/HttpRouter.h"

#include "platform/http/HttpHandler.h"

#include <gtest/gtest.h>

using namespace pipit;

namespace
{

class NamedHandler final : public HttpHandler
{
public:
    explicit NamedHandler(std::string name_)
        : name(std::move(name_))
    {
    }
    void handle(const HttpRequest &, HttpResponse &, RequestContext &) override { }
    std::string name;
};

std::string nameOf(const HttpRouter::Match & match)
{
    return match.handler ? static_cast<NamedHandler *>(match.handler)->name : "";
}

} // namespace

TEST(HttpRouter, MatchesLiteralsAndCaptures)
{
    HttpRouter router;
    router.add("GET", "/v0/pipes/{name}", std::make_shared<NamedHandler>("pipe"));
    router.add("GET", "/v0/datasources/{name}", std::make_shared<NamedHandler>("ds"));
    router.add("POST", "/v0/datasources/exchange", std::make_shared<NamedHandler>("exchange"));
    router.add("POST", "/v0/datasources/{name}", std::make_shared<NamedHandler>("ds_post"));
    router.add("POST", "/v0/datasources/{name}/truncate", std::make_shared<NamedHandler>("truncate"));

    auto match = router.match("GET", "/v0/pipes/top.json");
    EXPECT_EQ(nameOf(match), "pipe");
    ASSERT_EQ(match.path_params.size(), 1u);
    EXPECT_EQ(match.path_params[0].first, "name");
    EXPECT_EQ(match.path_params[0].second, "top.json");

    EXPECT_EQ(nameOf(router.match("POST", "/v0/datasources/exchange")), "exchange");
    EXPECT_EQ(nameOf(router.match("POST", "/v0/datasources/events")), "ds_post");
    EXPECT_EQ(nameOf(router.match("POST", "/v0/datasources/events/truncate")), "truncate");
    EXPECT_EQ(nameOf(router.match("HEAD", "/v0/datasources/events")), "ds");
    // Trailing slash and empty segments are ignored.
    EXPECT_EQ(nameOf(router.match("GET", "/v0/pipes/top/")), "pipe");
}

TEST(HttpRouter, UnknownPathAndWrongMethod)
{
    HttpRouter router;
    router.add("GET", "/v0/sql", std::make_shared<NamedHandler>("sql"));
    router.add("POST", "/v0/sql", std::make_shared<NamedHandler>("sql"));
    router.add("GET", "/tokens", std::make_shared<NamedHandler>("tokens"));

    auto missing = router.match("GET", "/v0/nothing");
    EXPECT_EQ(missing.handler, nullptr);
    EXPECT_FALSE(missing.method_not_allowed);

    auto wrong = router.match("DELETE", "/v0/sql");
    EXPECT_EQ(wrong.handler, nullptr);
    EXPECT_TRUE(wrong.method_not_allowed);
    EXPECT_EQ(wrong.allowed, "GET, POST");

    EXPECT_EQ(router.match("GET", "/").handler, nullptr);
    EXPECT_EQ(router.match("GET", "").handler, nullptr);
    EXPECT_EQ(router.match("GET", "/v0/sql/extra").handler, nullptr);
}

TEST(HttpRouter, BodyLimitPerRoute)
{
    HttpRouter router;
    router.add("POST", "/v0/events", std::make_shared<NamedHandler>("events"), HttpRouteOptions {10u << 20});
    router.add("POST", "/v0/sql", std::make_shared<NamedHandler>("sql"));
    EXPECT_EQ(router.maxBodySize("POST", "/v0/events"), 10u << 20);
    EXPECT_EQ(router.maxBodySize("POST", "/v0/sql"), HttpRouteOptions {}.max_body_size);
    EXPECT_EQ(router.maxBodySize("POST", "/unknown"), HttpRouteOptions {}.max_body_size);
}
