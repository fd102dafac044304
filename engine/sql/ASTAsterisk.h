#pragma once

#include "engine/sql/ASTNode.h"

namespace pipit
{

/// `*`, `t.*` or `db.t.*`, optionally followed by `EXCEPT (a, b)` / `EXCEPT a` (column names).
/// Also `COLUMNS('regexp')` is represented with a non-empty `columns_regexp`.
class ASTAsterisk : public ASTNode
{
public:
    ASTAsterisk()
        : ASTNode(ASTKind::Asterisk)
    {
    }

    /// Empty for a plain `*`; {"t"} for `t.*`.
    std::vector<std::string> qualifier;
    /// Column names after EXCEPT.
    std::vector<std::string> except;
    /// Non-empty for COLUMNS('re') (RE2 syntax, matched against column names).
    std::string columns_regexp;

    ASTPtr clone() const override { return std::make_shared<ASTAsterisk>(*this); }
    void forEachChild(const std::function<void(const ASTPtr &)> &) const override {}
};

} // namespace pipit
