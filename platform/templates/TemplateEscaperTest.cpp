#include "platform/templates/SqlTemplate.h"
#include "platform/templates/TemplateEscaper.h"

#include <gtest/gtest.h>

using namespace pipit;

namespace
{

std::string render(const std::string & text, const std::vector<std::pair<std::string, std::string>> & params)
{
    return SqlTemplate::parse(text).render(TemplateParameters::fromStrings(params), {});
}

}

TEST(TemplateEscaper, CharacterMapping)
{
    EXPECT_EQ(TemplateEscaper::escapeString(std::string("\0\r\b\t\x1a\n\"'\\%`", 11)), "\\0\\r\\b\\t\\z\\n\\\"\\'\\\\\\%\\`");
    EXPECT_EQ(TemplateEscaper::escapeIdentifier(std::string("\0\r\b\t\x1a\n\"'\\%`", 11)), "\\0\\r\\b\\t\\z\\n\\'\\\\\\%\\`");
    EXPECT_EQ(TemplateEscaper::quoteString("O'Brien 100%"), "'O\\'Brien 100\\%'");
    EXPECT_EQ(TemplateEscaper::quoteString("héllo ✓"), "'héllo ✓'");
}

TEST(TemplateEscaper, QuotesAndDropTable)
{
    EXPECT_EQ(render("select * from table where f = {{foo}}", {{"foo", "';drop table users;"}}),
              "select * from table where f = '\\';drop table users;'");
    EXPECT_EQ(render("WHERE a = {{String(x)}}", {{"x", "x'; DROP TABLE t; --"}}), "WHERE a = 'x\\'; DROP TABLE t; --'");
    EXPECT_EQ(render("WHERE a = {{String(x)}}", {{"x", "x\\'; DROP TABLE t; --"}}), "WHERE a = 'x\\\\\\'; DROP TABLE t; --'");
    EXPECT_EQ(render("WHERE a = {{String(x)}}", {{"x", "trailing\\"}}), "WHERE a = 'trailing\\\\'");
    EXPECT_EQ(render("WHERE a = {{String(x)}}", {{"x", "a */ OR 1=1 /*"}}), "WHERE a = 'a */ OR 1=1 /*'");
    EXPECT_EQ(render("WHERE a = {{String(x)}}", {{"x", "line1\nline2\r\t\x1a"}}), "WHERE a = 'line1\\nline2\\r\\t\\z'");
    EXPECT_EQ(render("WHERE a = {{String(x)}}", {{"x", std::string("nul\0byte", 8)}}), "WHERE a = 'nul\\0byte'");
}

TEST(TemplateEscaper, IdentifiersCannotBreakOut)
{
    EXPECT_EQ(render("SELECT {{column(c)}}", {{"c", "a` FROM secret --"}}), "SELECT `a\\` FROM secret --`");
    EXPECT_EQ(render("SELECT {{column(c)}}", {{"c", "a\\` x"}}), "SELECT `a\\\\\\` x`");
    EXPECT_EQ(render("SELECT {{symbol(c)}}", {{"c", "a\\"}}), "SELECT `a\\\\`");
    EXPECT_EQ(render("SELECT {{columns(c, 'a')}}", {{"c", "a,b` ; DROP TABLE t"}}), "SELECT `a`,`b\\` ; DROP TABLE t`");
    EXPECT_EQ(render("SELECT {{columns(c, 'a', fn='max')}}", {{"c", "x) FROM t; --"}}), "SELECT max(`x) FROM t; --`) as `x) FROM t; --`");
    EXPECT_THROW(render("FROM {{table(t)}}", {{"t", "t--"}}), TemplateError);
    EXPECT_THROW(render("FROM {{table(t)}}", {{"t", "a b"}}), TemplateError);
    EXPECT_EQ(render("FROM {{table(t)}}", {{"t", "db.events_2024"}}), "FROM db.events_2024");
}

TEST(TemplateEscaper, ValuesAreNeverEvaluatedAsTemplates)
{
    EXPECT_EQ(render("SELECT {{String(x)}}", {{"x", "{{ error('boom') }}{% if 1 %}"}}), "SELECT '{{ error(\\'boom\\') }}{\\% if 1 \\%}'");
    EXPECT_EQ(render("SELECT {{x}}", {{"x", "{{y}}"}, {"y", "1"}}), "SELECT '{{y}}'");
}

TEST(TemplateEscaper, ContainersRenderAsEscapedLiterals)
{
    EXPECT_EQ(render("SELECT {{x}}", {{"x", "a'"}, {"x", "b\\"}}), "SELECT ['a\\'','b\\\\']");
    EXPECT_EQ(render("SELECT {{Array(x)}}", {{"x", "it's,\\,%"}}), "SELECT ['it\\'s','\\\\','\\%']");
    EXPECT_EQ(render("SELECT {{sql_and(a=x)}}", {{"x", "' OR 1=1 --"}}), "SELECT a = '\\' OR 1=1 --'");
    EXPECT_EQ(render("SELECT {{ JSON(p) }}", {{"p", R"({"k'": "v'"})"}}), "SELECT {'k\\'':'v\\''}");
    EXPECT_EQ(render("SELECT {{ split_to_array(p) }}", {{"p", "a',b"}}), "SELECT ['a\\'','b']");
}

TEST(TemplateEscaper, TestModeDefinedIsFalse)
{
    TemplateRenderOptions options;
    options.test_mode = true;
    EXPECT_EQ(SqlTemplate::parse("{% if defined(x) %}yes{% else %}no{% end %}").render(TemplateParameters{}, options), "no");
    EXPECT_EQ(SqlTemplate::parse("{% if defined(x) %}yes{% else %}no{% end %}")
                  .render(TemplateParameters::fromStrings({{"x", "1"}}), options),
              "yes");
}
