#include "engine/planner/ExpressionActions.h"

#include "engine/base/Check.h"
#include "engine/columns/ColumnConst.h"
#include "engine/functions/FunctionArguments.h"

namespace pipit
{

std::optional<size_t> ExpressionActions::findNode(const std::string & name) const
{
    auto it = by_name_.find(name);
    if (it == by_name_.end())
        return std::nullopt;
    return it->second;
}

size_t ExpressionActions::addInput(const std::string & name, const DataTypePtr & type)
{
    if (auto existing = findNode(name))
        return *existing;
    Node node;
    node.type = NodeType::Input;
    node.name = name;
    node.result_type = type;
    nodes_.push_back(std::move(node));
    by_name_[name] = nodes_.size() - 1;
    return nodes_.size() - 1;
}

size_t ExpressionActions::addConstant(const std::string & name, const DataTypePtr & type, const Field & value)
{
    if (auto existing = findNode(name))
        return *existing;
    Node node;
    node.type = NodeType::Constant;
    node.name = name;
    node.result_type = type;
    node.constant = createConstColumn(type, value, 1);
    nodes_.push_back(std::move(node));
    by_name_[name] = nodes_.size() - 1;
    return nodes_.size() - 1;
}

size_t ExpressionActions::addFunction(const FunctionPtr & function, const std::vector<size_t> & children, const std::string & name)
{
    if (auto existing = findNode(name))
        return *existing;
    ColumnsWithTypeAndName arguments;
    bool all_constant = true;
    for (size_t child : children)
    {
        const Node & c = nodes_[child];
        arguments.push_back({c.type == NodeType::Constant ? c.constant : nullptr, c.result_type, c.name});
        all_constant = all_constant && c.type == NodeType::Constant;
    }
    auto result_type = function->getReturnType(arguments);

    Node node;
    node.name = name;
    node.result_type = result_type;
    if (all_constant && function->isDeterministicInScopeOfQuery())
    {
        auto column = function->execute(arguments, result_type, 1);
        node.type = NodeType::Constant;
        if (!column->isConst())
            column = ColumnConst::create(column, 1);
        node.constant = column;
        node.function = function;
        node.children = children;
    }
    else
    {
        node.type = NodeType::Function;
        node.function = function;
        node.children = children;
    }
    nodes_.push_back(std::move(node));
    by_name_[name] = nodes_.size() - 1;
    return nodes_.size() - 1;
}

void ExpressionActions::addOutput(size_t node, const std::string & output_name)
{
    CHECK(node < nodes_.size());
    outputs_.push_back({node, output_name});
}

std::vector<std::string> ExpressionActions::getRequiredInputs() const
{
    std::vector<char> visited(nodes_.size(), 0);
    std::vector<std::string> res;
    std::vector<size_t> stack;
    for (const auto & output : outputs_)
        stack.push_back(output.node);
    /// Collected in node order so the list is stable.
    while (!stack.empty())
    {
        size_t n = stack.back();
        stack.pop_back();
        if (visited[n])
            continue;
        visited[n] = 1;
        if (nodes_[n].type == NodeType::Function)
            for (size_t c : nodes_[n].children)
                stack.push_back(c);
    }
    for (size_t i = 0; i < nodes_.size(); ++i)
        if (visited[i] && nodes_[i].type == NodeType::Input)
            res.push_back(nodes_[i].name);
    return res;
}

Block ExpressionActions::getOutputHeader() const
{
    Block header;
    for (const auto & output : outputs_)
        header.insert({nullptr, nodes_[output.node].result_type, output.name});
    return header;
}

Block ExpressionActions::execute(const Block & block) const
{
    size_t rows = block.rows();
    std::vector<char> needed(nodes_.size(), 0);
    for (const auto & output : outputs_)
        needed[output.node] = 1;
    for (size_t i = nodes_.size(); i-- > 0;)
        if (needed[i] && nodes_[i].type == NodeType::Function)
            for (size_t c : nodes_[i].children)
                needed[c] = 1;

    std::vector<ColumnPtr> values(nodes_.size());
    for (size_t i = 0; i < nodes_.size(); ++i)
    {
        if (!needed[i])
            continue;
        const Node & node = nodes_[i];
        switch (node.type)
        {
        case NodeType::Input:
            values[i] = block.getByName(node.name).column;
            break;
        case NodeType::Constant:
            values[i] = ColumnConst::create(assertColumnCast<ColumnConst>(*node.constant).getDataColumnPtr(), rows);
            break;
        case NodeType::Function:
        {
            ColumnsWithTypeAndName arguments;
            arguments.reserve(node.children.size());
            for (size_t c : node.children)
                arguments.push_back({values[c], nodes_[c].result_type, nodes_[c].name});
            values[i] = node.function->execute(arguments, node.result_type, rows);
            break;
        }
        }
    }
    Block res;
    for (const auto & output : outputs_)
        res.insert({values[output.node], nodes_[output.node].result_type, output.name});
    return res;
}

std::string ExpressionActions::dump() const
{
    std::string out;
    for (size_t i = 0; i < nodes_.size(); ++i)
    {
        const Node & node = nodes_[i];
        out += "  #" + std::to_string(i) + " ";
        switch (node.type)
        {
        case NodeType::Input:
            out += "INPUT ";
            break;
        case NodeType::Constant:
            out += "CONSTANT ";
            break;
        case NodeType::Function:
            out += "FUNCTION ";
            break;
        }
        out += node.name + " " + node.result_type->getName();
        if (node.type == NodeType::Function)
        {
            out += " <- (";
            for (size_t k = 0; k < node.children.size(); ++k)
                out += (k ? ", #" : "#") + std::to_string(node.children[k]);
            out += ")";
        }
        out += "\n";
    }
    out += "  outputs:";
    for (const auto & output : outputs_)
        out += " " + output.name;
    out += "\n";
    return out;
}

} // namespace pipit
