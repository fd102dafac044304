#pragma once

#include "engine/sql/ASTNode.h"

namespace pipit
{

/// The join operator between the previous tables and the table of its ASTTablesElement:
/// `[GLOBAL] [ANY|ALL|ASOF|SEMI|ANTI] [INNER|LEFT|RIGHT|FULL [OUTER]|CROSS] JOIN t ON expr | USING (a, b)`.
/// A comma in FROM (`FROM a, b`) is Kind::Comma (a cross join).
class ASTTableJoin : public ASTNode
{
public:
    ASTTableJoin()
        : ASTNode(ASTKind::TableJoin)
    {
    }

    enum class Kind
    {
        Inner,
        Left,
        Right,
        Full,
        Cross,
        Comma,
        Paste,
    };
    enum class Strictness
    {
        Unspecified,
        Any,
        All,
        Asof,
        Semi,
        Anti,
    };

    Kind kind = Kind::Inner;
    Strictness strictness = Strictness::Unspecified;
    bool global = false;
    /// ON condition; null when USING or no condition (CROSS / comma).
    ASTPtr on_expression;
    /// USING column list (ASTIdentifier, possibly aliased expressions); empty unless USING.
    ASTs using_columns;
    bool has_using = false;

    ASTPtr clone() const override
    {
        auto res = std::make_shared<ASTTableJoin>(*this);
        res->on_expression = cloneAST(on_expression);
        for (auto & col : res->using_columns)
            col = cloneAST(col);
        return res;
    }
    void forEachChild(const std::function<void(const ASTPtr &)> & visit) const override
    {
        visitChild(visit, on_expression);
        visitChildren(visit, using_columns);
    }
};

} // namespace pipit
