#include "platform/templates/SqlTemplate.h"
#include "platform/templates/TemplateJson.h"

#include <gtest/gtest.h>

using namespace pipit;

namespace
{

/// Compact description of the metadata, in the spirit of Tinybird's doctests.
std::string describe(const std::string & text)
{
    std::string out;
    for (const auto & p : SqlTemplate::parse(text).parameters())
    {
        if (!out.empty())
            out += "; ";
        out += p.name + ":" + p.type;
        if (p.default_value)
            out += " default=" + p.default_value->repr();
        if (p.required)
            out += std::string(" required=") + (*p.required ? "True" : "False");
        if (!p.description.empty())
            out += " description=" + p.description;
        if (!p.format.empty())
            out += " format=" + p.format;
        if (p.example)
            out += " example=" + p.example->repr();
        if (p.enum_values)
            out += " enum=" + p.enum_values->repr();
        for (const auto & [k, v] : p.extra)
            out += " " + k + "=" + v.repr();
        if (p.used_in_function_call)
            out += " used_in=function_call";
    }
    return out;
}

}

TEST(TemplateParameterInfo, TypedFunctions)
{
    EXPECT_EQ(describe("SELECT * FROM filter_value WHERE description = {{Float32(with_value, 0.0)}}"), "with_value:Float32 default=0.0");
    EXPECT_EQ(describe("SELECT {{Float32(with_value, -0.0)}}"), "with_value:Float32 default=-0.0");
    EXPECT_EQ(describe("SELECT {{Int32(with_value, -0)}}"), "with_value:Int32 default=0");
    EXPECT_EQ(describe("SELECT {{Float32(with_value, -0.1)}}"), "with_value:Float32 default=-0.1");
    EXPECT_EQ(describe("SELECT {{String(d, 'test_1')}} AND value = {{Int8(v, 3)}}"), "d:String default='test_1'; v:Int8 default=3");
    EXPECT_EQ(describe("select {{String(cod_stock_source_type, 'test')}}"), "cod_stock_source_type:String default='test'");
    EXPECT_EQ(describe("SELECT {{String(d, 'test_1', description='test', required=True)}} AND value = {{Int8(v, 3, format='number', "
                       "example='1')}}"),
              "d:String default='test_1' required=True description=test; v:Int8 default=3 format=number example='1'");
    EXPECT_EQ(describe("SELECT {{String(d, default='test_1', description='test')}}"), "d:String default='test_1' description=test");
    EXPECT_EQ(describe("SELECT {{Int128(symbol_id, 11111, description='Symbol Id', required=True)}} AND user = {{Int256(user_id, 3555, "
                       "description='User Id')}}"),
              "symbol_id:Int128 default=11111 required=True description=Symbol Id; user_id:Int256 default=3555 description=User Id");
    EXPECT_EQ(describe("SELECT now() > {{DateTime64(timestamp, '2020-09-09 10:10:10.000')}}"),
              "timestamp:DateTime64 default='2020-09-09 10:10:10.000'");
    EXPECT_EQ(describe("SELECT {{Int64(symbol_id, 9223372036854775807)}}"), "symbol_id:Int64 default='9223372036854775807'");
    EXPECT_EQ(describe("SELECT {{Float32(a, 0.1)}} AND {{Float32(zero, 0)}} AND {{Float32(no_default)}}"),
              "a:Float32 default=0.1; zero:Float32 default=0; no_default:Float32 default=None");
    EXPECT_EQ(describe("SELECT {{String(x, enum=['a', 'b'])}}"), "x:String default=None enum=['a', 'b']");
    EXPECT_EQ(describe("SELECT {{Boolean(flag, False)}} {{JSON(payload)}}"), "flag:Boolean default=False; payload:JSON default=None");
}

TEST(TemplateParameterInfo, Json)
{
    auto params = SqlTemplate::parse("{{String(d, 'x', description='Day', required=True)}} {{Int32(n)}} {{Array(ids, 'Int32', example='1,2')}}")
                      .parameters();
    ASSERT_EQ(params.size(), 3u);
    EXPECT_EQ(SqlTemplate::parameterToJson(params[0]), R"({"name":"d","type":"String","default":"x","description":"Day","required":true})");
    EXPECT_EQ(SqlTemplate::parameterToJson(params[1]), R"({"name":"n","type":"Int32","default":null})");
    EXPECT_EQ(SqlTemplate::parameterToJson(params[2]), R"j({"name":"ids","type":"Array(Int32)","default":null,"example":"1,2"})j");
}

TEST(TemplateParameterInfo, Arrays)
{
    EXPECT_EQ(describe("select {{Array(cod, 'Int16', defined=False)}}"), "cod:Array(Int16) default=None defined=False");
    EXPECT_EQ(describe("select {{Array(cod, defined=False)}}"), "cod:Array(String) default=None defined=False");
    EXPECT_EQ(describe("select {{Array(cod, 'Int16', default='1', defined=False)}}"), "cod:Array(Int16) default='1' defined=False");
    EXPECT_EQ(describe("select {{Array(cod, 'String', 'a,b')}}"), "cod:Array(String) default='a,b'");
}

TEST(TemplateParameterInfo, UntypedVariables)
{
    EXPECT_EQ(describe("select {{cod_stock_source_type}}"), "cod_stock_source_type:String default=None");
    EXPECT_EQ(describe("select * from test {% if defined(testing) and defined(testing2) %} where 1 {%end %}"),
              "testing:String default=None used_in=function_call; testing2:String default=None used_in=function_call");
    EXPECT_EQ(describe("select {{split_to_array(test)}}"), "test:String default=None used_in=function_call");
    EXPECT_EQ(describe("select {{String(test + 'abcd', 'default_value')}}"), "test:String default=None");
    EXPECT_EQ(describe("select {{symbol(split_to_array(attr, 'amount_net')[0] + '_intermediate' )}}"),
              "attr:String default=None used_in=function_call");
    /// A typed use wins over an earlier untyped one.
    EXPECT_EQ(describe("{% if defined(start) %} AND ts >= {{DateTime(start, '2024-01-01 00:00:00')}} {% end %}"),
              "start:DateTime default='2024-01-01 00:00:00'");
    EXPECT_EQ(describe("SELECT {{sql_and(a=a, b__in=Array(b, 'Int32'))}}"), "a:String default=None; b:Array(Int32) default=None");
    EXPECT_EQ(describe("SELECT 1"), "");
}

TEST(TemplateParameterInfo, ReferenceExamplePipe)
{
    const std::string sql = "%\n"
                            "SELECT pathname, ts\n"
                            "FROM clicks\n"
                            "WHERE tenant = {{ String(tenant, required=True, description=\"Tenant id\") }}\n"
                            "  AND ts >= {{ DateTime(start, '2024-01-01 00:00:00') }}\n"
                            "  {% if defined(end) %} AND ts < {{ DateTime(end) }} {% end %}\n"
                            "LIMIT {{ Int32(limit, 20) }}";
    EXPECT_EQ(describe(sql),
              "tenant:String default=None required=True description=Tenant id; start:DateTime default='2024-01-01 00:00:00'; "
              "end:DateTime default=None; limit:Int32 default=20");
    auto t = SqlTemplate::parse(sql);
    EXPECT_EQ(t.render(TemplateParameters::fromStrings({{"tenant", "acme"}, {"end", "2024-02-01 00:00:00"}}), {}),
              "SELECT pathname, ts\nFROM clicks\nWHERE tenant = 'acme'\n  AND ts >= '2024-01-01 00:00:00'\n   AND ts < '2024-02-01 "
              "00:00:00' \nLIMIT toInt32('20')");
    TemplateRenderOptions test_mode;
    test_mode.test_mode = true;
    EXPECT_EQ(t.render(TemplateParameters{}, test_mode),
              "SELECT pathname, ts\nFROM clicks\nWHERE tenant = '__no_value__'\n  AND ts >= '2024-01-01 00:00:00'\n  \nLIMIT toInt32('20')");
    try
    {
        t.render(TemplateParameters{}, {});
        FAIL();
    }
    catch (const TemplateError & e)
    {
        /// Like Tinybird, the message lists every parameter without a default, including `end`.
        EXPECT_EQ(e.message(),
                  "Template Syntax Error: Required parameter is not defined. Check the parameters tenant and end. Please provide a value or "
                  "set a default value in the pipe code.");
    }
}

TEST(TemplateParameters, FromStrings)
{
    auto params = TemplateParameters::fromStrings({{"a", "1"}, {"b", "x"}, {"a", "2"}, {"a", "3"}});
    ASSERT_EQ(params.size(), 2u);
    ASSERT_TRUE(params.find("a")->isList());
    EXPECT_EQ(params.find("a")->repr(), "['1', '2', '3']");
    EXPECT_EQ(params.find("b")->repr(), "'x'");
    EXPECT_EQ(params.find("missing"), nullptr);
    params.set("b", TemplateValue(static_cast<int64_t>(5)));
    EXPECT_EQ(params.find("b")->repr(), "5");
    params.erase("b");
    EXPECT_FALSE(params.contains("b"));
}

TEST(TemplateParameters, FromJson)
{
    auto params = TemplateParameters::fromJson(R"({"s": "x", "i": 12, "f": 1.5, "b": true, "n": null, "l": [1, "a"], "o": {"k": 1},
                                                  "big": 123456789012345678901234567890})");
    EXPECT_TRUE(params.find("s")->isString());
    EXPECT_TRUE(params.find("i")->isInt());
    EXPECT_TRUE(params.find("f")->isFloat());
    EXPECT_TRUE(params.find("b")->isBool());
    EXPECT_TRUE(params.find("n")->isNone());
    EXPECT_EQ(params.find("l")->repr(), "[1, 'a']");
    EXPECT_EQ(params.find("o")->repr(), "{'k': 1}");
    EXPECT_EQ(params.find("big")->repr(), "123456789012345678901234567890");
    EXPECT_THROW(TemplateParameters::fromJson("[1, 2]"), TemplateError);
    EXPECT_THROW(TemplateParameters::fromJson("{\"a\": "), TemplateError);
    /// JWT fixed params override caller values.
    params.set("s", TemplateValue("fixed"));
    EXPECT_EQ(SqlTemplate::parse("{{String(s)}} {{Int32(i)}}").render(params, {}), "'fixed' toInt32('12')");
    /// null behaves as a missing parameter.
    EXPECT_EQ(SqlTemplate::parse("{{String(n, 'd')}}").render(params, {}), "'d'");
}

TEST(TemplateJson, RoundTripAndErrors)
{
    EXPECT_EQ(TemplateJson::serialize(TemplateJson::parse(R"( {"a": [1, 2.5, "x\n\"", null, true], "b": {}} )")),
              R"({"a":[1,2.5,"x\n\"",null,true],"b":{}})");
    EXPECT_EQ(TemplateJson::parse(R"("\u00e9\ud83d\ude00")").asString(), "\xc3\xa9\xf0\x9f\x98\x80");
    auto error = [](const std::string & text)
    {
        try
        {
            TemplateJson::parse(text);
        }
        catch (const std::invalid_argument & e)
        {
            return std::string(e.what());
        }
        return std::string("<no error>");
    };
    EXPECT_EQ(error(""), "Expecting value: line 1 column 1 (char 0)");
    EXPECT_EQ(error("{\"a\" 1}"), "Expecting ':' delimiter: line 1 column 6 (char 5)");
    EXPECT_EQ(error("{a: 1}"), "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)");
    EXPECT_EQ(error("[1] x"), "Extra data: line 1 column 5 (char 4)");
    EXPECT_EQ(error("\"abc"), "Unterminated string starting at: line 1 column 1 (char 0)");
    EXPECT_EQ(error("[1,\n2,\n]"), "Expecting value: line 3 column 1 (char 7)");
}
