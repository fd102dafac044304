#include "platform/http/JsonWriter.h"

#include <gtest/gtest.h>

#include <limits>

using namespace pipit;

TEST(JsonWriter, NestedStructure)
{
    JsonWriter writer;
    writer.startObject();
    writer.field("name", "a");
    writer.key("list");
    writer.startArray();
    writer.value(1);
    writer.value(uint64_t(18446744073709551615ull));
    writer.value(int64_t(-5));
    writer.startObject();
    writer.endObject();
    writer.startArray();
    writer.endArray();
    writer.null();
    writer.value(true);
    writer.endArray();
    writer.field("x", 0.5);
    writer.key("raw");
    writer.raw("{\"k\":1}");
    writer.endObject();
    EXPECT_EQ(writer.str(), R"({"name":"a","list":[1,18446744073709551615,-5,{},[],null,true],"x":0.5,"raw":{"k":1}})");
}

TEST(JsonWriter, Escaping)
{
    EXPECT_EQ(JsonWriter::quote("a\"b\\c\nd\te\r\x01\x1f/é"), "\"a\\\"b\\\\c\\nd\\te\\r\\u0001\\u001f/é\"");
    EXPECT_EQ(JsonWriter::quote(std::string_view("\0x", 2)), "\"\\u0000x\"");
    EXPECT_EQ(JsonWriter::quote(""), "\"\"");
}

TEST(JsonWriter, NonFiniteDoublesAreNull)
{
    JsonWriter writer;
    writer.startArray();
    writer.value(std::numeric_limits<double>::infinity());
    writer.value(std::numeric_limits<double>::quiet_NaN());
    writer.value(1e300);
    writer.endArray();
    EXPECT_EQ(writer.str(), "[null,null,1e+300]");
}
