#include "engine/planner/StorageExpressionCompiled.h"

#include "engine/columns/ColumnConst.h"
#include "engine/planner/ExpressionBinder.h"
#include "engine/sql/ASTFormatter.h"

namespace pipit
{

namespace
{

Block headerOf(const ColumnsDescription & columns)
{
    Block header;
    for (const auto & column : columns)
        header.insert({nullptr, column.type, column.name});
    return header;
}

} // namespace

StorageExpressionCompiled::StorageExpressionCompiled(const ASTPtr & expression, const ColumnsDescription & columns)
{
    compile(expression, headerOf(columns));
}

StorageExpressionCompiled::StorageExpressionCompiled(const ASTPtr & expression, const Block & header)
{
    compile(expression, header);
}

void StorageExpressionCompiled::compile(const ASTPtr & expression, const Block & header)
{
    actions_ = std::make_shared<ExpressionActions>();
    static const AliasMap no_aliases;
    Block input = header.cloneEmptyHeader();
    ExpressionBinder binder(*actions_, input, no_aliases);
    size_t node = binder.bind(expression);
    actions_->addOutput(node, "__result");
    required_columns_ = actions_->getRequiredInputs();
    result_type_ = actions_->getNode(node).result_type;
    auto copy = expression->clone();
    copy->alias.clear();
    text_ = formatAST(*copy);

    /// Monotonic: walk from the output down a single varying-argument chain to one input.
    size_t current = node;
    is_monotonic_ = required_columns_.size() == 1;
    while (is_monotonic_)
    {
        const auto & n = actions_->getNode(current);
        if (n.type == ExpressionActions::NodeType::Input)
            break;
        if (n.type != ExpressionActions::NodeType::Function || !n.function->hasInformationAboutMonotonicity())
        {
            is_monotonic_ = false;
            break;
        }
        std::optional<size_t> varying;
        for (size_t child : n.children)
        {
            if (actions_->getNode(child).type == ExpressionActions::NodeType::Constant)
                continue;
            if (varying)
            {
                is_monotonic_ = false;
                break;
            }
            varying = child;
        }
        if (!is_monotonic_ || !varying)
        {
            is_monotonic_ = false;
            break;
        }
        auto monotonicity = n.function->getMonotonicityForRange(*actions_->getNode(*varying).result_type, Field(), Field());
        if (!monotonicity.is_monotonic || !monotonicity.is_always_monotonic || !monotonicity.is_positive)
        {
            is_monotonic_ = false;
            break;
        }
        current = *varying;
    }
}

ColumnPtr StorageExpressionCompiled::evaluate(const Block & block) const
{
    Block result = actions_->execute(block);
    return convertToFullColumnIfConst(result.getByPosition(0).column);
}

} // namespace pipit
