#include "platform/templates/SqlTemplate.h"

#include <gtest/gtest.h>

using namespace pipit;

namespace
{

using Pairs = std::vector<std::pair<std::string, std::string>>;

std::string render(const std::string & text, const Pairs & params = {}, bool test_mode = false)
{
    TemplateRenderOptions options;
    options.test_mode = test_mode;
    return SqlTemplate::parse(text).render(TemplateParameters::fromStrings(params), options);
}

std::string renderJson(const std::string & text, const std::string & json, bool test_mode = false)
{
    TemplateRenderOptions options;
    options.test_mode = test_mode;
    return SqlTemplate::parse(text).render(TemplateParameters::fromJson(json), options);
}

std::string renderError(const std::string & text, const Pairs & params = {}, bool test_mode = false)
{
    try
    {
        render(text, params, test_mode);
    }
    catch (const TemplateError & e)
    {
        return e.message();
    }
    return "<no error>";
}

}

TEST(TemplateFunctions, StringRendering)
{
    EXPECT_EQ(render("SELECT {{String(foo, 'test')}}", {{"foo", "tt"}}), "SELECT 'tt'");
    EXPECT_EQ(render("SELECT {{String(foo, 'test')}}"), "SELECT 'test'");
    EXPECT_EQ(render("SELECT {{String(foo)}}", {}, true), "SELECT '__no_value__'");
    EXPECT_EQ(render("SELECT {{String(foo, 'test')}}", {}, true), "SELECT 'test'");
    EXPECT_EQ(render("SELECT {{String(foo + 'abcd')}}", {}, true), "SELECT '__no_value__'");
    EXPECT_EQ(render("SELECT {{String(q1)}}", {{"q1", ""}}), "SELECT ''");
    EXPECT_EQ(render("SELECT {{String(q1)}}", {{"q1", "O'Brien 100%"}}), "SELECT 'O\\'Brien 100\\%'");
    EXPECT_EQ(render("SELECT * FROM table WHERE field={{String(field_filter)}}", {{"field_filter", "action.\"test run\""}}),
              "SELECT * FROM table WHERE field='action.\\\"test run\\\"'");
    EXPECT_EQ(render("{{String(x, description='d', required=True, example='e', format='f', enum=['a'])}}", {{"x", "a"}}), "'a'");
}

TEST(TemplateFunctions, IntegerTypes)
{
    EXPECT_EQ(render("{{Int8(x)}} {{Int16(x)}} {{Int32(x)}} {{Int64(x)}} {{Int128(x)}} {{Int256(x)}}", {{"x", "10"}}),
              "toInt8('10') toInt16('10') toInt32('10') toInt64('10') toInt128('10') toInt256('10')");
    EXPECT_EQ(render("{{UInt8(x)}} {{UInt16(x)}} {{UInt32(x)}} {{UInt64(x)}} {{UInt128(x)}} {{UInt256(x)}}", {{"x", "10"}}),
              "toUInt8('10') toUInt16('10') toUInt32('10') toUInt64('10') toUInt128('10') toUInt256('10')");
    EXPECT_EQ(render("{{Int(x)}} {{Integer(x)}}", {{"x", "10"}}), "10 10");
    EXPECT_EQ(render("{{Int32(x)}}", {{"x", "+007"}}), "toInt32('7')");
    EXPECT_EQ(render("{{Int8(x)}} {{Int8(y)}}", {{"x", "-128"}, {"y", "127"}}), "toInt8('-128') toInt8('127')");
    EXPECT_EQ(renderError("{{Int8(x)}}", {{"x", "128"}}), "Template Syntax Error: Error validating '128' to type Int8");
    EXPECT_EQ(renderError("{{UInt8(x)}}", {{"x", "-1"}}), "Template Syntax Error: Error validating '-1' to type UInt8");
    EXPECT_EQ(renderError("{{UInt8(x)}}", {{"x", "256"}}), "Template Syntax Error: Error validating '256' to type UInt8");
    EXPECT_EQ(renderError("select * from {{Int32(foo)}}", {{"foo", "non_int"}}),
              "Template Syntax Error: Error validating 'non_int' to type Int32");
    EXPECT_EQ(renderError("{{Int(x)}}", {{"x", "1.5"}}), "Template Syntax Error: Error validating '1.5' to type Int32");
    EXPECT_EQ(renderError("{{Int32(x)}}", {{"x", "2147483648"}}), "Template Syntax Error: Error validating '2147483648' to type Int32");
    EXPECT_EQ(renderError("{{Int32(x)}}", {{"x", " 1"}}), "Template Syntax Error: Error validating ' 1' to type Int32");
    EXPECT_EQ(render("{{Int64(x)}}", {{"x", "9223372036854775807"}}), "toInt64('9223372036854775807')");
    EXPECT_EQ(render("{{UInt64(x)}}", {{"x", "18446744073709551615"}}), "toUInt64('18446744073709551615')");
    EXPECT_EQ(renderError("{{UInt64(x)}}", {{"x", "18446744073709551616"}}),
              "Template Syntax Error: Error validating '18446744073709551616' to type UInt64");
    EXPECT_EQ(render("SELECT {{Int128(foo)}} as x, {{Int128(bar)}} as y",
                     {{"foo", "-170141183460469231731687303715884105728"}, {"bar", "170141183460469231731687303715884105727"}}),
              "SELECT toInt128('-170141183460469231731687303715884105728') as x, toInt128('170141183460469231731687303715884105727') as y");
    EXPECT_EQ(render("{{Int256(x)}}", {{"x", "57896044618658097711785492504343953926634992332820282019728792003956564819967"}}),
              "toInt256('57896044618658097711785492504343953926634992332820282019728792003956564819967')");
    EXPECT_EQ(renderError("{{Int256(x)}}", {{"x", "57896044618658097711785492504343953926634992332820282019728792003956564819968"}}),
              "Template Syntax Error: Error validating '57896044618658097711785492504343953926634992332820282019728792003956564819968' to "
              "type Int256");
    EXPECT_EQ(render("select {{Int32(foo, 1)}}", {}, true), "select toInt32('1')");
    EXPECT_EQ(render("{{Int64(x, -9223372036854775808)}} {{ -9223372036854775808 }}"), "toInt64('-9223372036854775808') -9223372036854775808");
    EXPECT_EQ(render("{{Int128(x, -170141183460469231731687303715884105728)}}"), "toInt128('-170141183460469231731687303715884105728')");
    EXPECT_EQ(render("{{Int32(x)}} {{UInt64(x)}} {{Int(x)}} {{Integer(x)}}", {}, true), "toInt32('0') toUInt64('0') 0 0");
    EXPECT_EQ(renderJson("{{Int32(x)}}", R"({"x": 12})"), "toInt32('12')");
    EXPECT_EQ(renderError("{{Int32(x, 'abc')}}"), "Template Syntax Error: Error validating 'abc' to type Int32");
    EXPECT_EQ(render("{{Int32(x) + 1}}", {{"x", "1"}}), "2");
    EXPECT_EQ(render("{% if Int32(x) > 5 %}big{% end %}", {{"x", "10"}}), "big");
}

TEST(TemplateFunctions, FloatTypes)
{
    EXPECT_EQ(renderJson("select * from table where f = {{Float32(foo)}}", R"({"foo": -1})"),
              "select * from table where f = toFloat32('-1.0')");
    EXPECT_EQ(render("{{Float32(x)}} {{Float64(x)}}", {{"x", "1.5"}}), "toFloat32('1.5') toFloat64('1.5')");
    EXPECT_EQ(render("{{Float64(x)}}", {{"x", "1e3"}}), "toFloat64('1000.0')");
    EXPECT_EQ(render("{{Float64(x)}}", {{"x", "0.00001"}}), "toFloat64('1e-05')");
    EXPECT_EQ(render("select * from table where f = {{Float32(foo)}}", {}, true), "select * from table where f = toFloat32('0.0')");
    EXPECT_EQ(renderError("{{Float32(x)}}", {{"x", "1_0"}}), "Template Syntax Error: Error validating '1_0' to type Float32");
    EXPECT_EQ(renderError("{{Float64(x)}}", {{"x", "abc"}}), "Template Syntax Error: Error validating 'abc' to type Float64");
    EXPECT_EQ(renderError("{{Float64(x)}}", {{"x", "0x10"}}), "Template Syntax Error: Error validating '0x10' to type Float64");
}

TEST(TemplateFunctions, Boolean)
{
    EXPECT_EQ(render("{{Boolean(x)}}", {{"x", "true"}}), "1");
    EXPECT_EQ(render("{{Boolean(x)}}", {{"x", "FALSE"}}), "0");
    EXPECT_EQ(render("{{Boolean(x)}}", {{"x", "0"}}), "0");
    EXPECT_EQ(render("{{Boolean(x)}}", {{"x", "1"}}), "1");
    EXPECT_EQ(render("{{Boolean(x)}}"), "0");
    EXPECT_EQ(render("{{Boolean(x, True)}} {{bool(x, 'FALSE')}}"), "1 0");
    EXPECT_EQ(render("{{Boolean(x)}} {{Boolean(x, True)}}", {}, true), "0 1");
    EXPECT_EQ(renderJson("select {{Boolean(foo)}} from table", R"({"foo": true})"), "select 1 from table");
    EXPECT_EQ(renderJson("select {{Boolean(foo)}} from table", R"({"foo": false})"), "select 0 from table");
}

TEST(TemplateFunctions, DatesAndTimes)
{
    EXPECT_EQ(render("{{Date(d)}}", {{"d", "2024-01-31"}}), "'2024-01-31'");
    EXPECT_EQ(render("{{DateTime(d)}}", {{"d", "2018-09-07 23:55:00"}}), "'2018-09-07 23:55:00'");
    EXPECT_EQ(render("{{DateTime(d)}}", {{"d", "2018-09-07T23:55:00"}}), "'2018-09-07T23:55:00'");
    EXPECT_EQ(render("{{DateTime64(d)}}", {{"d", "2018-09-07 23:55:00.123"}}), "'2018-09-07 23:55:00.123'");
    EXPECT_EQ(render("{{DateTime64(d)}}", {{"d", "2018-09-07 23:55:00"}}), "'2018-09-07 23:55:00'");
    EXPECT_EQ(render("SELECT now() > {{DateTime64(variable, '2020-09-09 10:10:10.000')}}"), "SELECT now() > '2020-09-09 10:10:10.000'");
    EXPECT_EQ(render("{{Date(d)}} {{DateTime(d)}} {{DateTime64(d)}}", {}, true), "'2019-01-01' '2019-01-01 00:00:00' '2019-01-01 00:00:00.000'");
    EXPECT_EQ(renderError("{{Date(d)}}", {{"d", "20240131"}}), "Template Syntax Error: Error validating '20240131' to type Date");
    EXPECT_EQ(renderError("{{DateTime(d)}}", {{"d", "2024-01-31"}}), "Template Syntax Error: Error validating '2024-01-31' to type DateTime");
    /// A prefix match is enough for DateTime (as in Tinybird); the value is still a quoted, escaped literal.
    EXPECT_EQ(render("{{DateTime(d)}}", {{"d", "2024-01-31 10:00:00' OR 1=1 --"}}), "'2024-01-31 10:00:00\\' OR 1=1 --'");
}

TEST(TemplateFunctions, RequiredParameters)
{
    EXPECT_EQ(renderError("select * from table where str = {{String(test)}} and category = {{String(category, 'shirts')}} and color = "
                          "{{ Int32(color)}}"),
              "Template Syntax Error: Required parameter is not defined. Check the parameters test and color. Please provide a value or set "
              "a default value in the pipe code.");
    EXPECT_EQ(renderError("select {{String(test)}}"),
              "Template Syntax Error: Required parameter is not defined. Check the parameters test. Please provide a value or set a default "
              "value in the pipe code.");
    EXPECT_EQ(renderError("{{Int32(a)}} {{Int32(b)}} {{Int32(c)}}", {{"a", "1"}}),
              "Template Syntax Error: Required parameter is not defined. Check the parameters a, b and c. Please provide a value or set a "
              "default value in the pipe code.");
    EXPECT_EQ(render("x{{sql_and(a=Int(a, defined=False))}}"), "x");
    EXPECT_EQ(render("{% if defined(x) %}{{Int32(x)}}{% end %}"), "");
}

TEST(TemplateFunctions, Arrays)
{
    EXPECT_EQ(render("SELECT {{Array(foo)}}", {{"foo", "a,b,c,d"}}), "SELECT ['a','b','c','d']");
    EXPECT_EQ(render("SELECT {{Array(foo, 'Int32')}}", {{"foo", "1,2,3,4"}}), "SELECT [1,2,3,4]");
    EXPECT_EQ(render("SELECT {{Array(foo, 'Int32')}}", {{"foo", "1"}, {"foo", "2"}}), "SELECT [1,2]");
    EXPECT_EQ(render("SELECT {{Array(foo, 'Float32')}}", {{"foo", "1,2.5"}}), "SELECT [1.0,2.5]");
    EXPECT_EQ(render("SELECT {{Array(foo, 'Date')}}", {{"foo", "2024-01-01,2024-01-02"}}), "SELECT ['2024-01-01','2024-01-02']");
    EXPECT_EQ(render("SELECT {{Array(foo, 'Boolean')}}", {{"foo", "true,0"}}), "SELECT [1,0]");
    EXPECT_EQ(render("SELECT {{Array(foo, 'String')}}", {{"foo", "it's,b"}}), "SELECT ['it\\'s','b']");
    EXPECT_EQ(render("SELECT {{Array(foo, 'Int32')}}", {}, true), "SELECT [0,0]");
    EXPECT_EQ(render("SELECT {{Array(foo, 'Float64')}}", {}, true), "SELECT [0.0,0.0]");
    EXPECT_EQ(render("SELECT {{Array(foo)}}", {}, true), "SELECT ['__no_value__0','__no_value__1']");
    EXPECT_EQ(render("SELECT {{Array(foo, 'String')}}", {}, true), "SELECT ['__no_value__','__no_value__']");
    EXPECT_EQ(render("% SELECT {{Array(click_selector, 'String', 'pre,pro')}}"), " SELECT ['pre','pro']");
    EXPECT_EQ(render("% SELECT {{Array(click_selector, 'String', 'pre,pro')}}", {{"click_selector", "hi,hello"}}), " SELECT ['hi','hello']");
    EXPECT_EQ(render("SELECT {{Array(foo, 'Int32', default='1,2')}}"), "SELECT [1,2]");
    EXPECT_EQ(renderJson("SELECT {{Array(foo, 'Int32')}}", R"({"foo": [1, 2]})"), "SELECT [1,2]");
    EXPECT_EQ(renderError("SELECT {{ Array(embedding, 'Float32') }}", {{"embedding", "1,2,3,4, null"}}),
              "Template Syntax Error: Error validating [1,2,3,4, null][4] ( null) to type Float32");
    EXPECT_EQ(renderError("SELECT {{ Array(ids, 'Int32') }}", {{"ids", "1,,2"}}), "Template Syntax Error: Error validating [1,,2][1] (empty string) to type Int32");
    EXPECT_EQ(renderError("SELECT {{ Array(ids, 'Int32') }}", {{"ids", "1"}, {"ids", "x"}}),
              "Template Syntax Error: Error validating [['1', 'x']][1] (x) to type Int32");
    EXPECT_EQ(renderError("SELECT {{ Array(ids, 'Int32') }}"),
              "Template Syntax Error: Required parameter is not defined. Check the parameters ids. Please provide a value or set a default "
              "value in the pipe code.");
    EXPECT_EQ(renderError("SELECT 1 {{ Array(ids, 'Int32', defined=False) }}"),
              "Template Syntax Error: expression \"Array(ids, 'Int32', ...\" evaluated to null");
    EXPECT_EQ(render("SELECT 1 {{ sql_and(ids__in=Array(ids, 'Int32', defined=False)) }}"), "SELECT 1 ");
}

TEST(TemplateFunctions, Json)
{
    EXPECT_EQ(render("% SELECT * FROM employees WHERE 0 {% for kv in JSON(payload) %} OR department = {{kv['dp']}} {% end %}"),
              " SELECT * FROM employees WHERE 0 ");
    EXPECT_EQ(render("% SELECT 0 {% for kv in JSON(payload, '[{\"dp\":\"Sales\"}]') %} OR department = {{kv['dp']}} {% end %}"),
              " SELECT 0  OR department = 'Sales' ");
    EXPECT_EQ(render("% SELECT 0 {% for kv in JSON(payload) %} OR d = {{kv['dp']}} {% end %}",
                     {{"payload", R"([{"dp":"Design"},{"dp":"Marketing"}])"}}),
              " SELECT 0  OR d = 'Design'  OR d = 'Marketing' ");
    EXPECT_EQ(renderError("% {% for kv in JSON(payload) %} department = {{kv['dp']}} {% end %}", {}, true),
              "Template Syntax Error: Error parsing JSON: '__no_value__' - Expecting value: line 1 column 1 (char 0)");
    EXPECT_EQ(renderError("% {% for kv in JSON(payload, '') %} department = {{kv['dp']}} {% end %}"),
              "Template Syntax Error: Error parsing JSON: '' - Expecting value: line 1 column 1 (char 0)");
    EXPECT_EQ(renderError("{{ JSON(p) }}", {{"p", R"({"a": 1, "b": [1, 2, 3}})"}}),
              "Template Syntax Error: Error parsing JSON: '{\"a\": 1, \"b\": [1...' - Expecting ',' delimiter: line 1 column 23 (char 22)");
    EXPECT_EQ(render("{{ JSON(p).get('a', 0) }}", {{"p", R"({"a": 7})"}}), "7");
    EXPECT_EQ(renderJson("{{ JSON(p)['k'] }}", R"({"p": {"k": "v"}})"), "'v'");
}

TEST(TemplateFunctions, Identifiers)
{
    EXPECT_EQ(render("select * from {{symbol(foo)}}", {{"foo", "table-name"}}), "select * from `table-name`");
    EXPECT_EQ(render("select * from {{symbol(foo)}}", {{"foo", "\"table-name\""}}), "select * from `table-name`");
    EXPECT_EQ(render("select {{Symbol(foo)}}, {{Column(foo)}}", {{"foo", "a`b"}}), "select `a\\`b`, `a\\`b`");
    EXPECT_EQ(render("SELECT {{symbol(attr)}} from test", {}, true), "SELECT `placeholder` from test");
    EXPECT_EQ(render("select * from {{table(foo)}}", {{"foo", "\"my_table\""}}), "select * from my_table");
    EXPECT_EQ(render("select * from {{TABLE(foo)}}", {}, true), "select * from placeholder");
    EXPECT_EQ(renderError("select * from {{table(foo)}}", {{"foo", "t; DROP TABLE x"}}),
              "Template Syntax Error: Invalid table name 't; DROP TABLE x'");
    EXPECT_EQ(renderError("SELECT {{column(agg)}}"),
              "Template Syntax Error: Missing column() default value, use `column(column_name, 'default_column_name')`");
    EXPECT_EQ(render("SELECT {{column(agg)}}", {{"agg", "foo"}}), "SELECT `foo`");
    EXPECT_EQ(render("SELECT {{column(agg)}}", {{"agg", "\"foo\""}}), "SELECT `foo`");
    EXPECT_EQ(render("SELECT {{column(agg)}}", {{"agg", "json.a"}}), "SELECT `json`.`a`");
    EXPECT_EQ(render("SELECT {{column(agg, 'bar')}}"), "SELECT `bar`");
    EXPECT_EQ(render("SELECT {{column(agg, 'bar')}}", {}, true), "SELECT `bar`");
    EXPECT_EQ(renderError("SELECT {{columns(agg)}}"),
              "Template Syntax Error: Missing columns() default value, use `columns(column_names, 'default_column_name')`");
    EXPECT_EQ(render("SELECT {{columns(agg, 'a,b,c')}} FROM table"), "SELECT `a`,`b`,`c` FROM table");
    EXPECT_EQ(render("SELECT {{columns(agg, 'a,b,c')}} FROM table", {{"agg", "foo"}}), "SELECT `foo` FROM table");
    EXPECT_EQ(render("SELECT {{columns('a, b')}} FROM table"), "SELECT `a`,`b` FROM table");
    EXPECT_EQ(render("SELECT {{columns(cols, 'a,b', fn='sum')}}"), "SELECT sum(`a`) as `a`,sum(`b`) as `b`");
    EXPECT_EQ(renderError("SELECT {{columns(cols, 'a', fn='sum(x) --')}}"), "Template Syntax Error: Invalid function name 'sum(x) --' in columns()");
    EXPECT_EQ(renderError("SELECT {{columns(cols)}}", {{"cols", "a"}, {"cols", "b"}}),
              "Template Syntax Error: The 'columns' function expects a String not an Array");
}

TEST(TemplateFunctions, SqlAnd)
{
    EXPECT_EQ(render("SELECT count() c FROM where {{sql_and(a=a, b=b)}}", {{"a", "1"}, {"b", "2"}}), "SELECT count() c FROM where a = '1' and b = '2'");
    EXPECT_EQ(render("SELECT count() c FROM where {{sql_and(a=a, b=b)}}", {{"b", "2"}}), "SELECT count() c FROM where b = '2'");
    EXPECT_EQ(render("SELECT count() c FROM where {{sql_and(a=Int(a, defined=False), b=Int(b, defined=False))}}", {{"b", "2"}}),
              "SELECT count() c FROM where b = 2");
    EXPECT_EQ(render("SELECT count() c FROM where {{sql_and(a__in=Array(a), b=b)}}", {{"a", "a,b,c"}, {"b", "2"}}),
              "SELECT count() c FROM where a in ['a','b','c'] and b = '2'");
    EXPECT_EQ(render("SELECT count() c FROM where {{sql_and(a__not_in=Array(a), b=b)}}", {{"a", "a,b,c"}, {"b", "2"}}),
              "SELECT count() c FROM where a not in ['a','b','c'] and b = '2'");
    EXPECT_EQ(render("{{sql_and(x__gt=Int32(x), y__lt=Int32(y), z__gte=Float64(z), w__lte=Int(w))}}",
                     {{"x", "1"}, {"y", "2"}, {"z", "3"}, {"w", "4"}}),
              "x > toInt32('1') and y < toInt32('2') and z >= toFloat64('3.0') and w <= 4");
    EXPECT_EQ(renderError("{{sql_and(x__like=x)}}", {{"x", "1"}}), "Template Syntax Error: operand like not supported");
}

TEST(TemplateFunctions, Helpers)
{
    EXPECT_EQ(render("{{ split_to_array(x) }}", {{"x", " a, b ,c "}}), "['a','b','c']");
    EXPECT_EQ(render("{{ split_to_array(x, separator='|') }}", {{"x", "a|b"}}), "['a','b']");
    EXPECT_EQ(render("{{ split_to_array(x, 'd1,d2') }}"), "['d1','d2']");
    EXPECT_EQ(render("{{ split_to_array(x) }}"), "['']");
    EXPECT_EQ(render("{{ symbol(split_to_array(attr, 'amount_net')[0] + '_intermediate') }}"), "`amount_net_intermediate`");
    EXPECT_EQ(render("{{ enumerate_with_last([1, 2]) }}"), "[(False,1),(True,2)]");
    EXPECT_EQ(render("{{ day_diff('2019-01-01', '2019-01-02') }} {{ day_diff('2019-02-01', '2019-01-02') }}"), "1 30");
    EXPECT_EQ(render("{{ day_diff(a, b) }}", {}, true), "0");
    EXPECT_EQ(render("{{ date_diff_in_days('2019-02-01 20:00:00', '2019-01-02 20:00:00', date_format='%Y-%m-%d %H:%M:%S') }}"), "30");
    EXPECT_EQ(render("{{ date_diff_in_days('2019-01-01', '2019/01/04', backup_date_format='%Y/%m/%d') }}"), "3");
    EXPECT_EQ(render("{{ date_diff_in_days('2019-02-01T20:00:00z', '2019-02-15', '%Y-%m-%dT%H:%M:%Sz', backup_date_format='%Y-%m-%d') }}"),
              "13");
    EXPECT_EQ(render("{{ date_diff_in_hours('2022-12-19T20:43:22Z', '2022-12-19T18:42:23Z','%Y-%m-%dT%H:%M:%Sz') }}"), "2");
    EXPECT_EQ(render("{{ date_diff_in_hours('2022-12-14 18:42:22', '2022-12-19 18:42:22') }}"), "120");
    EXPECT_EQ(render("{{ date_diff_in_minutes('2022-12-19T03:22:12.102Z', '2022-12-19', date_format='%Y-%m-%dT%H:%M:%S.%fz', "
                     "backup_date_format='%Y-%m-%d') }}"),
              "202");
    EXPECT_EQ(render("{{ date_diff_in_seconds('2022-12-19 18:42:23.521', '2022-12-19 18:42:24.521','%Y-%m-%d %H:%M:%S.%f') }}"), "1");
    EXPECT_EQ(render("{{ date_diff_in_seconds('2022-12-19T18:42:23.521Z', '2022-12-19T18:44:23.531Z','%Y-%m-%dT%H:%M:%S.%fz') }}"), "120");
    EXPECT_EQ(render("{{ date_diff_in_seconds('2022-25-19 00:00:03', '2022-10-19 00:05:03', none_if_error=True) is None }}"), "True");
    EXPECT_EQ(renderError("{{ day_diff('2019-01-01', 'nope') }}"),
              "Template Syntax Error: invalid date format in function `day_diff`, it must be ISO format date YYYY-MM-DD, e.g. 2018-09-26. For "
              "other fotmats, try `date_diff_in_days`");
    EXPECT_EQ(renderError("{{ date_diff_in_days('2019-01-01', '2019-00-02') }}"),
              "Template Syntax Error: invalid date format in function `date_diff_in_days`, it must be ISO format date YYYY-MM-DD, e.g. "
              "2018-09-26");
    EXPECT_EQ(renderError("{{ date_diff_in_hours('2022-12-32 18:42:22', '2022-12-19 18:42:22') }}"),
              "Template Syntax Error: invalid date_format in function `date_diff_in_hours`, defaults to YYYY-MM-DD hh:mm:ss. Or %Y-%m-%d "
              "%H:%M:%S [.ssssss]Z, e.g. ms: 2022-12-19T18:42:22.591Z s:2022-12-19T18:42:22Z");
    EXPECT_EQ(renderError("{{ date_diff_in_minutes('x', 'y') }}"),
              "Template Syntax Error: invalid date_format in function `date_diff_in_seconds`, defaults to YYYY-MM-DD hh:mm:ss. Or %Y-%m-%d "
              "%H:%M:%S [.ssssss]Z, e.g. ms: 2022-12-19T18:42:22.591Z s:2022-12-19T18:42:22Z");
    EXPECT_EQ(render("SELECT * FROM t where foo like {{sql_unescape(String(pepe), '%')}}", {{"pepe", "raul_el_bueno_is_the_best_%"}}),
              "SELECT * FROM t where foo like 'raul_el_bueno_is_the_best_%'");
    EXPECT_EQ(render("{{sql_unescape(String(x), '$')}}", {{"x", "testing%"}}), "'testing\\%'");
    EXPECT_EQ(render("{{sql_unescape(String(x), '%')}}", {{"x", "a\\%'b"}}), "'a\\\\%\\'b'");
    EXPECT_EQ(renderError("{{sql_unescape(String(x), \"'\")}}", {{"x", "a"}}), "Template Syntax Error: sql_unescape() cannot unescape quotes or backslashes");
}

TEST(TemplateFunctions, ErrorsAndCustomErrors)
{
    try
    {
        render("{% if not defined(x) %}{{ error('x is required') }}{% end %}");
        FAIL();
    }
    catch (const TemplateError & e)
    {
        EXPECT_EQ(e.message(), "x is required");
        EXPECT_EQ(e.httpStatus(), 400);
        EXPECT_EQ(e.code(), ErrorCode::TEMPLATE_ERROR);
    }
    try
    {
        render("{{ error('bad', 403) }}");
        FAIL();
    }
    catch (const TemplateError & e)
    {
        EXPECT_EQ(e.message(), "bad");
        EXPECT_EQ(e.httpStatus(), 400);
    }
    try
    {
        render("{{ custom_error('nope', 403) }}");
        FAIL();
    }
    catch (const TemplateError & e)
    {
        EXPECT_EQ(e.message(), "nope");
        EXPECT_EQ(e.httpStatus(), 403);
        EXPECT_EQ(e.body(), "");
    }
    try
    {
        render("{{ custom_error({'error': 'denied', 'code': 401}) }}");
        FAIL();
    }
    catch (const TemplateError & e)
    {
        EXPECT_EQ(e.message(), "denied");
        EXPECT_EQ(e.httpStatus(), 401);
        EXPECT_EQ(e.body(), R"({"error":"denied","code":401})");
    }
    EXPECT_EQ(render("SELECT 1 {{ error('x') }}{{ custom_error('y', 404) }}", {}, true), "SELECT 1 -- {x} \n-- {x} \n");
    EXPECT_EQ(render("{% try %}{{ error('x') }}{% except %}caught{% end %}"), "caught");
}

TEST(TemplateFunctions, QuerySettingsAndSecrets)
{
    TemplateRenderOptions options;
    auto result = SqlTemplate::parse("{{max_threads(2)}} SELECT 1 {{cache_ttl('5m')}}{{backend_hint('b1')}}{{activate('analyzer')}}")
                      .renderFull(TemplateParameters{}, options);
    EXPECT_EQ(result.sql, "-- max_threads 2\n SELECT 1 -- cache_ttl 5m\n-- backend_hint b1\n-- activate analyzer\n");
    EXPECT_EQ(result.settings.at("max_threads"), "2");
    EXPECT_EQ(result.settings.at("allow_experimental_analyzer"), "1");
    EXPECT_EQ(result.cache_ttl, "5m");
    EXPECT_EQ(result.backend_hint, "b1");
    EXPECT_EQ(render("{{max_threads(x)}}", {{"x", "a\nDROP TABLE t"}}), "-- max_threads: wrong argument a DROP TABLE t\n");
    EXPECT_EQ(render("{{backend_hint(String(x))}}", {{"x", "h\r\nDROP"}}), "-- backend_hint h  DROP\n");
    EXPECT_EQ(renderError("{{cache_ttl('2m')}}"),
              "Template Syntax Error: Invalid TTL cache expression, valid expressions are ('5s', '1m', '5m', '30m', '1h')");
    EXPECT_EQ(renderError("{{activate('turbo')}}"), "Template Syntax Error: 'turbo' is not a valid 'activate' argument");
    EXPECT_EQ(render("{{disable('analyzer')}}"), "-- disable analyzer\n");

    options.secret_lookup = [](const std::string & name) -> std::optional<std::string>
    {
        if (name == "test")
            return std::string("s3cr3t");
        return std::nullopt;
    };
    auto secret = SqlTemplate::parse("select * from table where str = {{tb_secret('test')}} and {{tb_var('test')}}")
                      .renderFull(TemplateParameters{}, options);
    EXPECT_EQ(secret.sql, "select * from table where str = {test: String} and {test: String}");
    EXPECT_EQ(secret.query_parameters.at("test"), "s3cr3t");
    EXPECT_EQ(renderError("select {{tb_secret('test')}}", {{"test", "1234"}}),
              "Template Syntax Error: Cannot access secret 'test'. Check the secret exists in the Workspace and the token has the required "
              "scope.");
    EXPECT_EQ(render("select * from table where str = {{tb_secret('test')}}", {}, true), "select * from table where str = {test: String}");
    options.inline_secrets = true;
    EXPECT_EQ(SqlTemplate::parse("KAFKA_KEY {{ tb_secret('test') }}\nKAFKA_SECRET {{ tb_secret('other', 'dflt') }}")
                  .render(TemplateParameters{}, options),
              "KAFKA_KEY s3cr3t\nKAFKA_SECRET dflt");
}
