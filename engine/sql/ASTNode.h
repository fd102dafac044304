#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace pipit
{

class ASTNode;
using ASTPtr = std::shared_ptr<ASTNode>;
using ASTs = std::vector<ASTPtr>;

/// Discriminator of AST node classes; one value per concrete class.
enum class ASTKind
{
    /// Expressions.
    Literal,
    Identifier,
    Asterisk,
    Function,
    Lambda,
    Subquery,
    QueryParameter,
    /// Parts of queries.
    OrderByElement,
    WindowSpec,
    WithElement,
    TableExpression,
    TableJoin,
    ArrayJoin,
    TablesElement,
    ColumnDeclaration,
    IndexDeclaration,
    Storage,
    TTLElement,
    AlterCommand,
    /// Statements.
    SelectQuery,
    SelectWithUnionQuery,
    CreateTableQuery,
    CreateDatabaseQuery,
    DropQuery,
    ShowTablesQuery,
    DescribeQuery,
    InsertQuery,
    OptimizeQuery,
    AlterQuery,
    ExplainQuery,
    SetQuery,
    UseQuery,
    ExistsQuery,
    RenameQuery,
};

/// Base of all AST nodes. Nodes are plain data: public fields (no `_` suffix), built by the parser,
/// read by the formatter, binder and planner. Children are shared_ptrs; a tree is never shared
/// between queries unless cloned.
///
/// Conventions every consumer may rely on:
///  - `offset` is the byte offset in the parsed text of the node's first token (0 for synthesized nodes).
///  - `alias` is set on expressions written `expr AS name` (or `expr name` in select lists / FROM);
///    ClickHouse allows aliases on any expression, even nested ones: `(a + 1 AS x) * x`.
///    Table expressions carry their table alias here too.
class ASTNode
{
public:
    explicit ASTNode(ASTKind kind_)
        : kind(kind_)
    {
    }
    virtual ~ASTNode() = default;

    ASTKind kind;
    size_t offset = 0;
    std::string alias;

    /// Deep copy of this subtree.
    virtual ASTPtr clone() const = 0;

    /// Calls `visit` on every direct non-null child, in source order.
    virtual void forEachChild(const std::function<void(const ASTPtr &)> & visit) const = 0;

    /// Checked downcast: nullptr when this node is not a T.
    template <typename T>
    const T * as() const
    {
        return dynamic_cast<const T *>(this);
    }
    template <typename T>
    T * as()
    {
        return dynamic_cast<T *>(this);
    }
};

/// Deep-copy helpers for implementing clone().
inline ASTPtr cloneAST(const ASTPtr & node)
{
    return node ? node->clone() : nullptr;
}

template <typename T>
std::shared_ptr<T> cloneTyped(const std::shared_ptr<T> & node)
{
    return node ? std::static_pointer_cast<T>(node->clone()) : nullptr;
}

template <typename T>
std::vector<std::shared_ptr<T>> cloneList(const std::vector<std::shared_ptr<T>> & nodes)
{
    std::vector<std::shared_ptr<T>> out;
    out.reserve(nodes.size());
    for (const auto & node : nodes)
        out.push_back(cloneTyped(node));
    return out;
}

/// Visits `node` if non-null (helper for forEachChild).
template <typename T>
void visitChild(const std::function<void(const ASTPtr &)> & visit, const std::shared_ptr<T> & node)
{
    if (node)
        visit(ASTPtr(node));
}

template <typename T>
void visitChildren(const std::function<void(const ASTPtr &)> & visit, const std::vector<std::shared_ptr<T>> & nodes)
{
    for (const auto & node : nodes)
        visitChild(visit, node);
}

} // namespace pipit
