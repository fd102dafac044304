#pragma once

#include "engine/functions/IFunction.h"
#include "engine/sql/ASTNode.h"
#include "engine/storage/IStorage.h"

namespace pipit
{

/// Decides from a WHERE expression which granules (sort key ranges) and parts (partition-key
/// column min/max) can hold matching rows. Built from the conjunctions/disjunctions/negations of
/// atoms `E op constant` (=, !=, <, <=, >, >=, IN, and BETWEEN which the parser lowers to them)
/// where E is:
///  - a sort key element (matched by canonical name: `toDate(ts)` matches the key `toDate(ts)`),
///  - a column read by the partition key,
///  - a monotonic function of one of those (`toStartOfHour(ts) >= c` on a `ts` key), or
///  - the column under a monotonic key element (`ts >= c` on a `toDate(ts)` key: the constant is
///    mapped through the key expression).
/// Anything else is "unknown" and never prunes. The answers are conservative: false only when no
/// row in the range can satisfy the condition.
class KeyCondition final : public IKeyCondition
{
public:
    /// `where` has aliases already expanded; `header` are the source columns; `sort_key` the
    /// table's ORDER BY elements; `partition_key` may be null.
    KeyCondition(const ASTPtr & where, const Block & header, const ASTs & sort_key, const ASTPtr & partition_key,
                 const std::vector<std::string> & qualifiers);

    bool mayBeTrueInRange(const std::vector<Field> & left_keys, const std::vector<Field> & right_keys) const override;
    bool mayBeTrueInPartition(const Block & minmax_of_part) const override;
    /// Checks without copying key values: String keys (also Nullable / LowCardinality) are compared in place
    /// against the constants, numeric keys through a Field that does not allocate; atoms through a chain of
    /// monotonic functions materialise the bounds (as mayBeTrueInRange does). Same answers as mayBeTrueInRange.
    std::unique_ptr<IKeyRangeChecker> prepareRanges(const Columns & key_columns) const override;

    /// True when some atom can prune (otherwise storage need not consult it).
    bool isUseful() const;
    /// One line per usable atom, for EXPLAIN.
    std::string describe() const;

    /// Bounds of a range of values; a Null bound is unbounded.
    struct Range
    {
        Field left;
        bool left_included = true;
        Field right;
        bool right_included = true;
    };

private:
    struct ChainStep
    {
        FunctionPtr function;
        ColumnsWithTypeAndName arguments;
        size_t variable_position = 0;
        DataTypePtr result_type;
    };

    enum class AtomKind
    {
        Range,
        Points,
        NotEquals,
    };

    /// One way of checking an atom: on a sort key element or a partition column, through a chain
    /// of monotonic functions applied to that value.
    struct Alternative
    {
        bool on_sort_key = true;
        size_t key_index = 0;
        std::string column;
        std::vector<ChainStep> chain;
        AtomKind kind = AtomKind::Range;
        Range range;
        std::vector<Field> points;
    };

    struct Atom
    {
        /// The comparison, formatted only by describe().
        ASTPtr ast;
        std::vector<Alternative> alternatives;
    };

    struct RPNElement
    {
        enum class Type
        {
            Atom,
            Unknown,
            And,
            Or,
            Not,
        };
        Type type = Type::Unknown;
        size_t atom = 0;
    };

    struct BoolMask
    {
        bool can_be_true = true;
        bool can_be_false = true;
    };

    class PreparedRanges;

    void buildRPN(const ASTPtr & ast, size_t depth);
    bool tryBuildAtom(const ASTPtr & ast);
    /// Ways to reach E from key elements / partition columns, with the type of E.
    void collectTargets(const ASTPtr & expression, std::vector<Alternative> & out, size_t depth) const;
    /// The RPN over atoms; `check_alternative(alternative)` returns the alternative's mask, or nullopt when it
    /// says nothing about the range (every alternative of an atom must allow a value for the atom to).
    template <typename CheckAlternative>
    BoolMask evaluate(CheckAlternative && check_alternative) const;
    /// The alternative over the value range `range` of its key element / column: pushed through the chain, then
    /// checkBounds.
    static BoolMask checkAlternative(const Alternative & alternative, Range range);
    /// The alternative (after its chain) over values in [left, right] (a null bound is unbounded). `Bound` is a
    /// Field or a key value in place (KeyCondition.cpp).
    template <typename Bound>
    static BoolMask checkBounds(const Alternative & alternative, const Bound & left, const Bound & right);

    Block header_;
    std::vector<std::string> qualifiers_;
    std::vector<std::string> key_names_;
    std::vector<ASTPtr> key_asts_;
    std::vector<std::string> partition_columns_;
    std::vector<Atom> atoms_;
    std::vector<RPNElement> rpn_;
};

} // namespace pipit
