#pragma once

#include "engine/sql/ASTNode.h"

namespace pipit
{

/// A query parameter `{name:Type}`; substituted with a typed value before binding.
class ASTQueryParameter : public ASTNode
{
public:
    ASTQueryParameter()
        : ASTNode(ASTKind::QueryParameter)
    {
    }

    std::string name;
    /// Type name as written, whitespace-normalised: "Array(String)", "DateTime64(3)".
    std::string type;

    ASTPtr clone() const override { return std::make_shared<ASTQueryParameter>(*this); }
    void forEachChild(const std::function<void(const ASTPtr &)> &) const override {}
};

} // namespace pipit
