#pragma once

#include "engine/sql/ASTNode.h"

namespace pipit
{

/// A (possibly compound) name: `x`, `t.x`, `db.t.x`, `"quoted name"`, `` `quoted` ``.
/// Quoting is removed; parts are case-sensitive. Also used for table/database names where the
/// grammar accepts an identifier (e.g. IN t, ORDER BY inside window names).
class ASTIdentifier : public ASTNode
{
public:
    ASTIdentifier()
        : ASTNode(ASTKind::Identifier)
    {
    }
    explicit ASTIdentifier(std::vector<std::string> parts_)
        : ASTNode(ASTKind::Identifier)
        , parts(std::move(parts_))
    {
    }
    explicit ASTIdentifier(std::string name_)
        : ASTNode(ASTKind::Identifier)
        , parts {std::move(name_)}
    {
    }

    /// Never empty after parsing.
    std::vector<std::string> parts;

    bool isCompound() const { return parts.size() > 1; }
    /// Parts joined with '.', e.g. "t.x".
    std::string name() const
    {
        std::string out;
        for (size_t i = 0; i < parts.size(); ++i)
        {
            if (i)
                out += '.';
            out += parts[i];
        }
        return out;
    }
    /// Last part: the column name of `t.x`.
    const std::string & shortName() const { return parts.back(); }

    ASTPtr clone() const override { return std::make_shared<ASTIdentifier>(*this); }
    void forEachChild(const std::function<void(const ASTPtr &)> &) const override {}
};

} // namespace pipit
