#include "platform/http/HttpRequest.h"

#include "engine/base/Exception.h"
#include "platform/http/HttpServer.h"

#include <gtest/gtest.h>
#include <simdjson.h>
#include <zlib.h>

using namespace pipit;

namespace
{

std::string gzip(std::string_view text)
{
    z_stream stream {};
    deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    std::string out(deflateBound(&stream, text.size()) + 32, '\0');
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(text.data()));
    stream.avail_in = static_cast<uInt>(text.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    deflate(&stream, Z_FINISH);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    return out;
}

} // namespace

TEST(HttpRequest, ParsesTargetWithRepeatedAndEncodedParameters)
{
    HttpRequest request;
    HttpServer::parseTarget("/v0/pipes/top%20pages.json/?ids=1&ids=2&q=SELECT+1%2B1&empty=&flag&bad=%zz%4", request);
    EXPECT_EQ(request.path, "/v0/pipes/top pages.json");
    auto ids = request.params("ids");
    ASSERT_EQ(ids.size(), 2u);
    EXPECT_EQ(ids[0], "1");
    EXPECT_EQ(ids[1], "2");
    EXPECT_EQ(request.param("q").value(), "SELECT 1+1");
    EXPECT_EQ(request.param("empty").value(), "");
    EXPECT_EQ(request.param("flag").value(), "");
    EXPECT_EQ(request.param("bad").value(), "%zz%4");
    EXPECT_FALSE(request.param("missing").has_value());

    HttpServer::parseTarget("", request);
    EXPECT_EQ(request.path, "/");
    HttpServer::parseTarget("///", request);
    EXPECT_EQ(request.path, "/");
}

TEST(HttpRequest, FormBody)
{
    HttpRequest request;
    request.headers = {{"content-type", "Application/X-WWW-Form-Urlencoded; charset=utf-8"}};
    request.body = "q=SELECT%20*%20FROM+t&name=a&name=b";
    EXPECT_TRUE(request.isFormBody());
    auto form = request.formParams();
    ASSERT_EQ(form.size(), 3u);
    EXPECT_EQ(form[0].second, "SELECT * FROM t");
    EXPECT_EQ(request.paramOrForm("name").value(), "a");

    request.headers = {{"content-type", "text/plain"}};
    EXPECT_TRUE(request.formParams().empty());
}

TEST(HttpRequest, MultipartParts)
{
    HttpRequest request;
    request.headers = {{"content-type", "multipart/form-data; boundary=\"XyZ\""}};
    request.body = "--XyZ\r\n"
                   "Content-Disposition: form-data; name=\"csv\"; filename=\"events.csv\"\r\n"
                   "Content-Type: text/csv\r\n"
                   "\r\n"
                   "a,b\r\n1,2\r\n"
                   "--XyZ\r\n"
                   "Content-Disposition: form-data; name=\"data_project://\"; filename=\"x; y.pipe\"\r\n"
                   "\r\n"
                   "NODE n\n"
                   "--XyZ--\r\n";
    auto parts = request.multipartParts();
    ASSERT_EQ(parts.size(), 2u);
    EXPECT_EQ(parts[0].name, "csv");
    EXPECT_EQ(parts[0].filename, "events.csv");
    EXPECT_EQ(parts[0].content_type, "text/csv");
    EXPECT_EQ(parts[0].data, "a,b\r\n1,2");
    EXPECT_EQ(parts[1].name, "data_project://");
    EXPECT_EQ(parts[1].filename, "x; y.pipe");
    EXPECT_EQ(parts[1].data, "NODE n"); // the line break before a boundary belongs to the boundary

    request.body = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunterminated";
    EXPECT_THROW(request.multipartParts(), Exception);
    request.body = "garbage";
    EXPECT_THROW(request.multipartParts(), Exception);
    request.headers = {{"content-type", "text/plain"}};
    EXPECT_THROW(request.multipartParts(), Exception);
}

TEST(HttpRequest, JsonBody)
{
    HttpRequest request;
    request.body = R"({"q": "SELECT 1", "n": 2})";
    simdjson::dom::parser parser;
    auto element = request.jsonBody(parser);
    std::string_view q;
    ASSERT_FALSE(element["q"].get(q));
    EXPECT_EQ(q, "SELECT 1");
    request.body = "{broken";
    EXPECT_THROW(request.jsonBody(parser), Exception);
}

TEST(HttpRequest, Gunzip)
{
    std::string text(100000, 'x');
    text += "end";
    EXPECT_EQ(HttpRequest::gunzip(gzip(text), 1 << 20), text);
    // Concatenated members.
    EXPECT_EQ(HttpRequest::gunzip(gzip("ab") + gzip("cd"), 100), "abcd");
    try
    {
        HttpRequest::gunzip(gzip(text), 1000);
        FAIL();
    }
    catch (const Exception & e)
    {
        EXPECT_EQ(e.code(), ErrorCode::PAYLOAD_TOO_LARGE);
    }
    EXPECT_THROW(HttpRequest::gunzip("not gzip at all", 1000), Exception);
    std::string truncated = gzip(text);
    truncated.resize(truncated.size() / 2);
    EXPECT_THROW(HttpRequest::gunzip(truncated, 1 << 20), Exception);
    EXPECT_THROW(HttpRequest::gunzip("", 1000), Exception);
}
