#include "engine/sql/AST.h"

#include <gtest/gtest.h>

using namespace pipit;

TEST(AST, CloneIsDeep)
{
    auto select = std::make_shared<ASTSelectQuery>();
    auto fn = makeASTFunction("plus", {std::make_shared<ASTIdentifier>("a"), std::make_shared<ASTLiteral>(Field(UInt64(1)))});
    fn->alias = std::string("x");
    select->select.push_back(fn);
    auto copy = std::static_pointer_cast<ASTSelectQuery>(select->clone());
    ASSERT_EQ(copy->select.size(), 1u);
    EXPECT_NE(copy->select[0].get(), fn.get());
    auto * copied_fn = copy->select[0]->as<ASTFunction>();
    ASSERT_NE(copied_fn, nullptr);
    EXPECT_EQ(copied_fn->name, "plus");
    EXPECT_EQ(copied_fn->alias, "x");
    EXPECT_NE(copied_fn->arguments[0].get(), fn->arguments[0].get());
    EXPECT_EQ(copied_fn->arguments[0]->as<ASTIdentifier>()->name(), "a");
}

TEST(AST, ForEachChildVisitsInOrder)
{
    auto fn = makeASTFunction("f", {std::make_shared<ASTIdentifier>("a"), std::make_shared<ASTIdentifier>("b")});
    std::vector<std::string> names;
    fn->forEachChild([&](const ASTPtr & child) { names.push_back(child->as<ASTIdentifier>()->name()); });
    EXPECT_EQ(names, (std::vector<std::string> {"a", "b"}));
    EXPECT_EQ(fn->as<ASTLiteral>(), nullptr);
}
