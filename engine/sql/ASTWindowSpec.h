#pragma once

#include "engine/sql/ASTOrderByElement.h"

namespace pipit
{

/// A window definition: `([parent_name] [PARTITION BY ...] [ORDER BY ...] [ROWS|RANGE frame])`
/// from `f(x) OVER (...)` or `WINDOW w AS (...)`.
class ASTWindowSpec : public ASTNode
{
public:
    ASTWindowSpec()
        : ASTNode(ASTKind::WindowSpec)
    {
    }

    enum class FrameType
    {
        Rows,
        Range,
        Groups,
    };
    enum class BoundType
    {
        UnboundedPreceding,
        Preceding, /// `offset PRECEDING`
        CurrentRow,
        Following, /// `offset FOLLOWING`
        UnboundedFollowing,
    };

    /// `OVER (w ORDER BY ...)`: name of a window from the WINDOW clause this one extends; empty if none.
    std::string parent_window_name;
    ASTs partition_by;
    ASTOrderByList order_by;

    /// False when no frame clause was written (the default frame applies:
    /// RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW).
    bool frame_is_explicit = false;
    FrameType frame_type = FrameType::Range;
    BoundType frame_begin = BoundType::UnboundedPreceding;
    ASTPtr frame_begin_offset;
    BoundType frame_end = BoundType::CurrentRow;
    ASTPtr frame_end_offset;

    ASTPtr clone() const override
    {
        auto res = std::make_shared<ASTWindowSpec>(*this);
        for (auto & expr : res->partition_by)
            expr = cloneAST(expr);
        res->order_by = cloneList(order_by);
        res->frame_begin_offset = cloneAST(frame_begin_offset);
        res->frame_end_offset = cloneAST(frame_end_offset);
        return res;
    }
    void forEachChild(const std::function<void(const ASTPtr &)> & visit) const override
    {
        visitChildren(visit, partition_by);
        visitChildren(visit, order_by);
        visitChild(visit, frame_begin_offset);
        visitChild(visit, frame_end_offset);
    }
};

} // namespace pipit
