#pragma once

#include "engine/sql/ASTNode.h"

namespace pipit
{

/// One TTL rule of a table: `expr [DELETE | TO DISK 'd' | TO VOLUME 'v' | RECOMPRESS CODEC(...)] [WHERE cond]`.
/// (GROUP BY TTL rules are not supported.)
class ASTTTLElement : public ASTNode
{
public:
    ASTTTLElement()
        : ASTNode(ASTKind::TTLElement)
    {
    }

    enum class Mode
    {
        Delete,
        ToDisk,
        ToVolume,
        Recompress,
    };

    ASTPtr expression;
    Mode mode = Mode::Delete;
    /// Disk / volume name, or codec text for RECOMPRESS.
    std::string destination;
    ASTPtr where;

    ASTPtr clone() const override
    {
        auto res = std::make_shared<ASTTTLElement>(*this);
        res->expression = cloneAST(expression);
        res->where = cloneAST(where);
        return res;
    }
    void forEachChild(const std::function<void(const ASTPtr &)> & visit) const override
    {
        visitChild(visit, expression);
        visitChild(visit, where);
    }
};

} // namespace pipit
