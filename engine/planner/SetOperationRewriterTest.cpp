#include "engine/planner/SetOperationRewriter.h"

#include "engine/base/Exception.h"
#include "engine/sql/ASTFormatter.h"
#include "engine/sql/Parser.h"

#include <gtest/gtest.h>

using namespace pipit;

namespace
{

std::string rewritten(const std::string & sql)
{
    auto query = std::dynamic_pointer_cast<ASTSelectWithUnionQuery>(parseQuery(sql));
    EXPECT_TRUE(query);
    /// Every part has the columns a, b.
    auto names = [](const ASTPtr &) { return std::vector<std::string> {"a", "b"}; };
    return formatAST(*SetOperationRewriter::rewrite(*query, names));
}

} // namespace

TEST(SetOperationRewriter, OnlyNonUnionAllNeedsRewrite)
{
    auto all = std::dynamic_pointer_cast<ASTSelectWithUnionQuery>(parseQuery("SELECT 1 UNION ALL SELECT 2"));
    auto except = std::dynamic_pointer_cast<ASTSelectWithUnionQuery>(parseQuery("SELECT 1 UNION ALL SELECT 2 EXCEPT SELECT 3"));
    EXPECT_FALSE(SetOperationRewriter::needsRewrite(*all));
    EXPECT_TRUE(SetOperationRewriter::needsRewrite(*except));
}

TEST(SetOperationRewriter, ExceptIntersectAndUnionDistinct)
{
    EXPECT_EQ(rewritten("SELECT a, b FROM t EXCEPT SELECT a, b FROM u"),
              "SELECT * FROM (SELECT a, b FROM t) WHERE notIn(tuple(a, b), (SELECT a, b FROM u))");
    EXPECT_EQ(rewritten("SELECT a, b FROM t INTERSECT DISTINCT SELECT a, b FROM u"),
              "SELECT DISTINCT * FROM (SELECT a, b FROM t) WHERE `in`(tuple(a, b), (SELECT a, b FROM u))");
    EXPECT_EQ(rewritten("SELECT a, b FROM t UNION DISTINCT SELECT a, b FROM u"),
              "SELECT DISTINCT * FROM (SELECT a, b FROM t UNION ALL SELECT a, b FROM u)");
}

TEST(SetOperationRewriter, IntersectBindsTighter)
{
    EXPECT_EQ(rewritten("SELECT 1 FROM t UNION ALL SELECT 2 FROM u INTERSECT SELECT 3 FROM v"),
              "SELECT 1 FROM t UNION ALL SELECT * FROM (SELECT 2 FROM u) WHERE `in`(tuple(a, b), (SELECT 3 FROM v))");
    EXPECT_THROW(rewritten("SELECT 1 UNION SELECT 2"), Exception);
}
