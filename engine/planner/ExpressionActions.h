#pragma once

#include "engine/functions/IFunction.h"

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace pipit
{

/// A compiled expression DAG over an input header: inputs (columns of the incoming Block),
/// constants and function calls. Nodes are keyed by their canonical name (ClickHouse column name
/// of the expression, e.g. `plus(a, 1)`), so a subexpression used several times is computed once.
/// Functions whose arguments are all constant (and that are deterministic within a query) are
/// folded into constants while building. execute() runs the DAG vectorized over a Block and
/// returns the declared outputs; instances are immutable after building and safe to share
/// between threads.
class ExpressionActions
{
public:
    enum class NodeType
    {
        Input,
        Constant,
        Function,
    };

    struct Node
    {
        NodeType type = NodeType::Input;
        std::string name;
        DataTypePtr result_type;
        /// Constant: a ColumnConst of 1 row.
        ColumnPtr constant;
        FunctionPtr function;
        std::vector<size_t> children;
    };

    struct Output
    {
        size_t node = 0;
        std::string name;
    };

    ExpressionActions() = default;

    /// Finds a node by canonical name.
    std::optional<size_t> findNode(const std::string & name) const;

    size_t addInput(const std::string & name, const DataTypePtr & type);
    size_t addConstant(const std::string & name, const DataTypePtr & type, const Field & value);
    /// Adds (or finds) `function(children...)` named `name`; computes the result type (throws the
    /// function's errors) and folds constants.
    size_t addFunction(const FunctionPtr & function, const std::vector<size_t> & children, const std::string & name);
    /// Declares an output column; the same node may be output under several names.
    void addOutput(size_t node, const std::string & output_name);

    const std::vector<Node> & getNodes() const { return nodes_; }
    const Node & getNode(size_t i) const { return nodes_[i]; }
    const std::vector<Output> & getOutputs() const { return outputs_; }

    /// Names of the input columns the outputs need, in order of first use.
    std::vector<std::string> getRequiredInputs() const;
    /// Header (null columns) of the outputs.
    Block getOutputHeader() const;

    /// Evaluates the outputs over `block` (which holds at least getRequiredInputs(), matched by
    /// name). The result has block.rows() rows; constant outputs stay ColumnConst.
    Block execute(const Block & block) const;

    /// Human-readable list of the nodes for EXPLAIN.
    std::string dump() const;

private:
    std::vector<Node> nodes_;
    std::unordered_map<std::string, size_t> by_name_;
    std::vector<Output> outputs_;
};

using ExpressionActionsPtr = std::shared_ptr<const ExpressionActions>;

} // namespace pipit
