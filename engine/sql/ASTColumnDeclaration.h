#pragma once

#include "engine/sql/ASTNode.h"

#include <optional>

namespace pipit
{

/// A column in CREATE TABLE / ALTER ADD|MODIFY COLUMN:
///   name [Type] [NULL|NOT NULL] [DEFAULT|MATERIALIZED|ALIAS|EPHEMERAL expr] [COMMENT 'c'] [CODEC(...)] [TTL expr]
class ASTColumnDeclaration : public ASTNode
{
public:
    ASTColumnDeclaration()
        : ASTNode(ASTKind::ColumnDeclaration)
    {
    }

    enum class DefaultKind
    {
        None,
        Default,
        Materialized,
        Alias,
        Ephemeral,
    };

    std::string name;
    /// Type as written with normalised spacing, e.g. "LowCardinality(Nullable(String))", "DateTime64(3, 'UTC')",
    /// "Tuple(a UInt8, b String)", "Decimal(18, 4)". Empty when omitted (type taken from the default expression).
    std::string type;
    /// `NULL` -> true (wrap the type in Nullable), `NOT NULL` -> false, absent -> nullopt.
    std::optional<bool> null_modifier;
    DefaultKind default_kind = DefaultKind::None;
    ASTPtr default_expression;
    /// Text inside CODEC(...) with normalised spacing, e.g. "Delta(4), ZSTD(1)"; empty when absent.
    std::string codec;
    ASTPtr ttl;
    std::string comment;
    bool has_comment = false;

    ASTPtr clone() const override
    {
        auto res = std::make_shared<ASTColumnDeclaration>(*this);
        res->default_expression = cloneAST(default_expression);
        res->ttl = cloneAST(ttl);
        return res;
    }
    void forEachChild(const std::function<void(const ASTPtr &)> & visit) const override
    {
        visitChild(visit, default_expression);
        visitChild(visit, ttl);
    }
};

} // namespace pipit
