#include "platform/templates/SqlTemplate.h"

#include <gtest/gtest.h>

using namespace pipit;

namespace
{

std::string render(const std::string & text, const std::vector<std::pair<std::string, std::string>> & params = {}, bool test_mode = false)
{
    TemplateRenderOptions options;
    options.test_mode = test_mode;
    return SqlTemplate::parse(text).render(TemplateParameters::fromStrings(params), options);
}

std::string renderJson(const std::string & text, const std::string & json)
{
    return SqlTemplate::parse(text).render(TemplateParameters::fromJson(json), {});
}

std::string renderError(const std::string & text, const std::vector<std::pair<std::string, std::string>> & params = {}, bool test_mode = false)
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

std::string parseError(const std::string & text)
{
    try
    {
        SqlTemplate::parse(text);
    }
    catch (const TemplateError & e)
    {
        return e.message();
    }
    return "<no error>";
}

}

TEST(SqlTemplate, IsTemplate)
{
    EXPECT_TRUE(SqlTemplate::isTemplate("%\nSELECT 1"));
    EXPECT_TRUE(SqlTemplate::isTemplate("\n  \n%\nSELECT 1"));
    EXPECT_TRUE(SqlTemplate::isTemplate("% SELECT 1"));
    EXPECT_FALSE(SqlTemplate::isTemplate("SELECT '%'"));
    EXPECT_FALSE(SqlTemplate::isTemplate(""));
}

TEST(SqlTemplate, PercentLineIsRemoved)
{
    EXPECT_EQ(render("%\nSELECT 1"), "SELECT 1");
    EXPECT_EQ(render("%   \r\nSELECT {{Int32(x, 5)}}"), "SELECT toInt32('5')");
    EXPECT_EQ(render("% SELECT 1"), " SELECT 1");
    EXPECT_EQ(render("SELECT 1 -- no percent"), "SELECT 1 -- no percent");
}

TEST(SqlTemplate, TextIsKeptVerbatim)
{
    EXPECT_EQ(render("SELECT {a} FROM t WHERE x = '{'  \n\t AND y = 1"), "SELECT {a} FROM t WHERE x = '{'  \n\t AND y = 1");
    EXPECT_EQ(render("SELECT {{!x}}"), "SELECT {{x}}");
    EXPECT_EQ(render("SELECT {%! if %}"), "SELECT {% if %}");
    EXPECT_EQ(render("SELECT {{{Int(x, 1)}}}"), "SELECT {1}");
}

TEST(SqlTemplate, Comments)
{
    EXPECT_EQ(render("SELECT 1 {# a comment {{ x }} #}+ 1"), "SELECT 1 + 1");
    EXPECT_EQ(render("SELECT 1{% comment anything %}"), "SELECT 1");
    EXPECT_EQ(parseError("SELECT {# never closed"), "Missing end comment #} at <string>:1");
}

TEST(SqlTemplate, BareVariables)
{
    EXPECT_EQ(render("select * from table where str = {{foo}}", {{"foo", "test"}}), "select * from table where str = 'test'");
    EXPECT_EQ(renderJson("select {{foo}}", R"({"foo": 1.0})"), "select 1.0");
    EXPECT_EQ(renderJson("select {{foo}}", R"({"foo": 12})"), "select 12");
    EXPECT_EQ(renderJson("select {{foo}}", R"({"foo": true})"), "select True");
    EXPECT_EQ(renderError("SELECT {{test}}", {{"token", "testing"}}), "Template Syntax Error: expression \"test\" evaluated to null");
    EXPECT_EQ(renderError("SELECT {{testisasuperlongthingandwedontwanttoreturnthefullthing}}"),
              "Template Syntax Error: expression \"testisasuperlongthin...\" evaluated to null");
    EXPECT_EQ(render("SELECT {{test}}", {}, true), "SELECT '__no_value__'");
    EXPECT_EQ(render("SELECT {{x}}", {{"x", "a"}, {"x", "b'c"}}), "SELECT ['a','b\\'c']");
}

TEST(SqlTemplate, IfElifElse)
{
    const std::string t = "%\nSELECT {% if x == 'a' %}1{% elif x == 'b' %}2{% else %}3{% end %}";
    EXPECT_EQ(render(t, {{"x", "a"}}), "SELECT 1");
    EXPECT_EQ(render(t, {{"x", "b"}}), "SELECT 2");
    EXPECT_EQ(render(t, {{"x", "c"}}), "SELECT 3");
    EXPECT_EQ(render(t), "SELECT 3");
    EXPECT_EQ(render("{% if test %}SELECT 1{% else %} select 2 {% end %}"), " select 2 ");
    EXPECT_EQ(render("{% if Int32(test, 1) %}SELECT 1{% else %} select 2 {% end %}"), "SELECT 1");
    EXPECT_EQ(render("{% if not defined(test) %}error(\"This is an error\"){% end %}"), "error(\"This is an error\")");
    EXPECT_EQ(render("{% if defined(open) %}ERROR{% else %}YEAH!{% end %}"), "YEAH!");
    EXPECT_EQ(render("{% if defined(print) %}ERROR{% else %}YEAH!{% end %}"), "YEAH!");
}

TEST(SqlTemplate, ForLoops)
{
    EXPECT_EQ(render("{% for v in test %}SELECT {{v}} {% end %}", {}, true),
              "SELECT '__no_value__' SELECT '__no_value__' SELECT '__no_value__' ");
    EXPECT_EQ(render("{% for x in split_to_array(cols) %}{{column(x)}},{% end %}", {{"cols", "a, b"}}), "`a`,`b`,");
    EXPECT_EQ(render("{% for i, x in enumerate(['a','b']) %}{{i}}={{x}} {% end %}"), "0='a' 1='b' ");
    EXPECT_EQ(render("{% for last, x in enumerate_with_last(['a','b']) %}{{x}}{% if not last %},{% end %}{% end %}"), "'a','b'");
    EXPECT_EQ(render("{% for x in [1,2,3,4] %}{% if x == 2 %}{% continue %}{% end %}{% if x == 4 %}{% break %}{% end %}{{x}}{% end %}"), "13");
    EXPECT_EQ(render("{% for x in [] %}{{x}}{% else %}empty{% end %}"), "empty");
    EXPECT_EQ(render("{% for k in {'a': 1, 'b': 2} %}{{k}}{% end %}"), "'a''b'");
    EXPECT_EQ(render("{% for k, v in {'a': 1, 'b': 2}.items() %}{{k}}{{v}}{% end %}"), "'a'1'b'2");
}

TEST(SqlTemplate, SetWhileTry)
{
    EXPECT_EQ(render("{% set a = 1 %}{% set a += 2 %}{{a}}"), "3");
    EXPECT_EQ(render("{% set a, b = 1, 2 %}{{a}}{{b}}"), "12");
    EXPECT_EQ(render("{% set l = [] %}{% set _ = l.append(1) %}{% set _ = l.append(2) %}{{len(l)}}"), "2");
    EXPECT_EQ(render("{% set d = {} %}{% set d['k'] = 'v' %}{{d['k']}}"), "'v'");
    EXPECT_EQ(render("{% set i = 0 %}{% while i < 3 %}{{i}}{% set i = i + 1 %}{% end %}"), "012");
    EXPECT_EQ(render("{% try %}{{ Int32(x) }}{% except %}fallback{% end %}", {{"x", "bad"}}), "fallback");
    EXPECT_EQ(render("{% try %}{{ Int32(x) }}{% except %}fallback{% finally %}!{% end %}", {{"x", "1"}}), "toInt32('1')!");
    EXPECT_EQ(renderError("{{ x }}{% set x = 1 %}"),
              "Template Syntax Error: cannot access local variable 'x' where it is not associated with a value");
    EXPECT_EQ(render("% {% if defined(test) %}{% set _groupByCSV = ','.join(test) %} SELECT {{Array(test, 'String')}} as test, {{_groupByCSV}} as a {% end %}",
                     {{"test", "1,2"}}),
              "  SELECT ['1','2'] as test, '1,2' as a ");
    EXPECT_EQ(render("% {% if defined(test) %}{% set _total = sum(test) %} SELECT {{Array(test, 'Int32')}} as test, {{_total}} as a {% end %}",
                     {{"test", "1,2"}}),
              "  SELECT [1,2] as test, 3 as a ");
    EXPECT_EQ(render("% {% if defined(test) %}{% set _groupByCSV = ','.join(test) %}{{_groupByCSV}}{% end %}",
                     {{"test", "1"}, {"test", "2"}}),
              " '1,2'");
}

TEST(SqlTemplate, ParseErrors)
{
    EXPECT_EQ(parseError("% SELECT {% if defined(x) %} x, 1"), "Missing {% end %} block for if at line 1");
    EXPECT_EQ(parseError("%\nSELECT 1\n{% for x in y %} x"), "Missing {% end %} block for for at line 3");
    EXPECT_EQ(parseError("SELECT {% end %}"), "Extra {% end %} block at <string>:1");
    EXPECT_EQ(parseError("SELECT {% else %}"), "else outside {'if', 'for', 'while', 'try'} block at <string>:1");
    EXPECT_EQ(parseError("SELECT {% for x in y %}{% elif z %}{% end %}"), "elif block cannot be attached to for block at <string>:1");
    EXPECT_EQ(parseError("SELECT {% break %}"), "break outside {'for', 'while'} block at <string>:1");
    EXPECT_EQ(parseError("SELECT {{ x"), "Missing end expression }} at <string>:1");
    EXPECT_EQ(parseError("SELECT {{ }}"), "Empty expression at <string>:1");
    EXPECT_EQ(parseError("SELECT {% if x"), "Missing end block %} at <string>:1");
    EXPECT_EQ(parseError("SELECT {% %}"), "Empty block tag ({% %}) at <string>:1");
    EXPECT_EQ(parseError("SELECT {% foo %}"), "unknown operator: 'foo' at <string>:1");
    EXPECT_EQ(parseError("% SELECT * FROM {% import os %}{{ os.popen(\"whoami\").read() }}"), "import is forbidden at <string>:1");
    EXPECT_EQ(parseError("% SELECT * FROM {% from os import popen %}"), "import is forbidden at <string>:1");
    EXPECT_EQ(parseError("SELECT {% include 'x' %}"), "include is not supported at <string>:1");
    EXPECT_EQ(parseError("% SELECT {{len([1] * 10**7)}}"), "Template Syntax Error: Invalid BinOp: Pow()");
    EXPECT_EQ(parseError("% SELECT {{ 1 | 2 }}"), "Template Syntax Error: Invalid BinOp: BitOr()");
    EXPECT_EQ(parseError("% {% if whatever(passenger_count) %}{% end %}"), "Template Syntax Error: 'whatever' is not a valid function, line 1");
    EXPECT_EQ(parseError("%\nSELECT\n{{ open('/etc/passwd') }}"), "Template Syntax Error: 'open' is not a valid function, line 3");
    EXPECT_EQ(parseError("% {% if defined((passenger_count) %}{% end %}"), "Template Syntax Error: invalid syntax, line 1");
    EXPECT_EQ(parseError("SELECT {{String(format, 'test')}}"), "\"format\" can not be used as a variable name, line 1");
    EXPECT_EQ(parseError("SELECT\n{{format}}"), "\"format\" can not be used as a variable name, line 2");
    EXPECT_EQ(parseError("SELECT {{String(q, 'test')}}"), "\"q\" can not be used as a variable name, line 1");
    EXPECT_EQ(parseError("SELECT {{ length(x) }}"),
              "Template Syntax Error: length cannot be used as a variable name or as a function inside of a template");
    EXPECT_EQ(parseError("SELECT {{ lambda: 1 }}"), "Template Syntax Error: lambda is not allowed, line 1");
    EXPECT_EQ(renderError("SELECT {{ length }}"),
              "Template Syntax Error: length cannot be used as a variable name or as a function inside of a template");
    EXPECT_EQ(render("SELECT {{ String(id) }}", {{"id", "7"}}), "SELECT '7'");
}

TEST(SqlTemplate, ReservedNameWarnings)
{
    auto t = SqlTemplate::parse("select * from table where str = {{pipeline}} and {{String(debug, 'x')}}");
    EXPECT_EQ(t.reservedNameWarnings(), (std::vector<std::string>{"pipeline", "debug"}));
    EXPECT_EQ(t.render(TemplateParameters::fromStrings({{"pipeline", "test"}}), {}), "select * from table where str = 'test' and 'x'");
}

TEST(SqlTemplate, Expressions)
{
    EXPECT_EQ(render("{{ 1 + 2 * 3 }} {{ 7 // 2 }} {{ -7 // 2 }} {{ 7 % 3 }} {{ -7 % 3 }} {{ 7 / 2 }} {{ 2 - 5 }}"), "7 3 -4 1 2 3.5 -3");
    EXPECT_EQ(render("{{ 1 < 2 < 3 }} {{ 1 < 3 < 2 }} {{ 'a' in 'cat' }} {{ 3 not in [1, 2] }} {{ None is None }}"), "True False True True True");
    EXPECT_EQ(render("{{ 'a' if x else 'b' }}", {{"x", "1"}}), "'a'");
    EXPECT_EQ(render("{{ 0 or 'z' }} {{ 1 and 2 }} {{ not 0 }}"), "'z' 2 True");
    EXPECT_EQ(render("{{ 'abc'[1] }} {{ 'abcdef'[1:4] }} {{ 'abcdef'[::-1] }} {{ [1,2,3][-1] }} {{ [1,2,3,4][1:3] }}"),
              "'b' 'bcd' 'fedcba' 3 [2,3]");
    EXPECT_EQ(render("{{ 'A,B'.lower().split(',') }} {{ ' x '.strip() }} {{ '-'.join(['a','b']) }} {{ 'abc'.upper() }}"),
              "['a','b'] 'x' 'a-b' 'ABC'");
    EXPECT_EQ(render("{{ 'abc'.replace('b', 'X') }} {{ 'abc'.startswith('ab') }} {{ 'abc'.endswith(('x','c')) }}"), "'aXc' True True");
    EXPECT_EQ(render("{{ {'a': 1}.get('a') }} {{ {'a': 1}.get('b', 5) }} {{ len({'a': 1}) }} {{ len('héllo') }}"), "1 5 1 5");
    EXPECT_EQ(render("{{ [x * 2 for x in [1, 2, 3] if x > 1] }} {{ sum(x for x in [1, 2]) }}"), "[4,6] 3");
    EXPECT_EQ(render("{{ ','.join(map(str, [1, 2])) }} {{ max([3, 9, 2]) }} {{ min(4, 1) }} {{ sorted([3, 1, 2]) }}"),
              "'1,2' 9 1 [1,2,3]");
    EXPECT_EQ(render("{{ int('42') + 1 }} {{ float('1.5') }} {{ str(10) }} {{ abs(-3) }} {{ round(2.5) }} {{ round(1.2345, 2) }}"),
              "43 1.5 '10' 3 2 1.23");
    EXPECT_EQ(render("{{ 0.0001 }} {{ 1e-05 }} {{ 1e16 }} {{ 0.1 + 0.2 }} {{ 1.0 }} {{ 123456789.0 }}"), "0.0001 1e-05 1e+16 0.30000000000000004 1.0 123456789.0");
    EXPECT_EQ(render("{{ r'a\\b' }} {{ 'it\\'s' }} {{ \"dq\" }} {{ 'a' 'b' }} {{ '\\x41\\n' }}"), "'a\\\\b' 'it\\'s' 'dq' 'ab' 'A\\n'");
    EXPECT_EQ(render("{{ (1, 'a') }} {{ [None, True] }}"), "(1,'a') [NULL,True]");
    EXPECT_EQ(render("{{ '{}-{}'.format(1, 'x') }}"), "'1-x'");
    EXPECT_EQ(renderError("{{ 1 / 0 }}"), "division by zero");
    EXPECT_EQ(renderError("{{ 'a' + 1 }}"), "can only concatenate str (not \"int\") to str");
    EXPECT_EQ(renderError("{{ 'a' < 1 }}"), "'<' not supported between instances of 'str' and 'int'");
    EXPECT_EQ(renderError("{{ x > 1 }}", {}, true),
              "'>' not supported between instances of 'Placeholder' and 'int'. If you are using a dynamic parameter, you need to wrap it "
              "around a valid Data Type (e.g. Int8(placeholder))");
    EXPECT_EQ(renderError("{% set f = 1 %}{{ f(2) }}"),
              "Template Syntax Error: wrong syntax, you might be using a not valid function inside a control block");
    EXPECT_EQ(renderError("{{ 'a'.__class__ }}"), "'str' object has no attribute '__class__'");
    EXPECT_EQ(renderError("{{ Int32() }}"), "Template Syntax Error: one of the transform type functions is missing an argument");
}

TEST(SqlTemplate, ParametersNamedLikeBuiltins)
{
    const std::string t = "SELECT {{Int32(max, 100)}} {{String(id, 'x')}} {% if defined(min) %}min{% end %} {{ max([1, 2]) }}";
    EXPECT_EQ(render(t), "SELECT toInt32('100') 'x'  2");
    EXPECT_EQ(render(t, {{"max", "5"}, {"id", "7"}, {"min", "1"}}), "SELECT toInt32('5') '7' min 2");
    EXPECT_EQ(render("SELECT {{Int32(max, 100)}}", {}, true), "SELECT toInt32('100')");
}

TEST(SqlTemplate, LimitsStopRunawayTemplates)
{
    EXPECT_NE(renderError("{% set i = 0 %}{% while True %}{% set i = i + 1 %}{% end %}").find("too many loop iterations"), std::string::npos);
    EXPECT_NE(renderError("{{ 'x' * 100000000 }}").find("too large"), std::string::npos);
    std::string deep(300, '(');
    EXPECT_NE(parseError("{{ " + deep + "1" + std::string(300, ')') + " }}").find("too deeply nested"), std::string::npos);
}

TEST(SqlTemplate, ParseOnceRenderMany)
{
    auto t = SqlTemplate::parse("%\nSELECT * FROM t WHERE a = {{Int32(a, 1)}} LIMIT {{Int(limit, 10)}}");
    EXPECT_EQ(t.render(TemplateParameters{}, {}), "SELECT * FROM t WHERE a = toInt32('1') LIMIT 10");
    EXPECT_EQ(t.render(TemplateParameters::fromStrings({{"a", "5"}, {"limit", "2"}}), {}), "SELECT * FROM t WHERE a = toInt32('5') LIMIT 2");
    /// A template mutating a list parameter does not leak into the caller's parameters.
    auto m = SqlTemplate::parse("{% set _ = x.append('z') %}{{ len(x) }}");
    auto params = TemplateParameters::fromStrings({{"x", "a"}, {"x", "b"}});
    EXPECT_EQ(m.render(params, {}), "3");
    EXPECT_EQ(m.render(params, {}), "3");
}
