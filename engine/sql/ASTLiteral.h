#pragma once

#include "engine/columns/Field.h"
#include "engine/sql/ASTNode.h"

namespace pipit
{

/// A constant: 1 (UInt64), -1 (Int64: a unary minus on a number literal folds into it), 1.5 / 1e5 / inf / nan
/// (Float64), 'str' (String, unescaped), NULL (Null), true/false (UInt64 with is_bool), and, like
/// ClickHouse, arrays [1, 2] and tuples (1, 'a') whose elements are all literals (FieldArray / FieldTuple).
/// Integers above UInt64 range become Float64.
class ASTLiteral : public ASTNode
{
public:
    ASTLiteral()
        : ASTNode(ASTKind::Literal)
    {
    }
    explicit ASTLiteral(Field value_)
        : ASTNode(ASTKind::Literal)
        , value(std::move(value_))
    {
    }

    Field value;
    /// Written as true/false: the planner types it as Bool.
    bool is_bool = false;

    ASTPtr clone() const override { return std::make_shared<ASTLiteral>(*this); }
    void forEachChild(const std::function<void(const ASTPtr &)> &) const override {}
};

} // namespace pipit
