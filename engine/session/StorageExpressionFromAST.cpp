#include "engine/session/StorageExpressionFromAST.h"

#include "engine/base/Exception.h"
#include "engine/columns/ColumnConst.h"
#include "engine/planner/ExpressionActions.h"
#include "engine/planner/ExpressionBinder.h"
#include "engine/sql/ASTFormatter.h"
#include "engine/sql/ASTFunction.h"
#include "engine/sql/ASTIdentifier.h"

namespace pipit
{

namespace
{

class StorageExpressionFromActions final : public IStorageExpression
{
public:
    StorageExpressionFromActions(std::shared_ptr<ExpressionActions> actions, std::string text, bool monotonic)
        : actions_(std::move(actions)), text_(std::move(text)), monotonic_(monotonic)
    {
        required_ = actions_->getRequiredInputs();
        result_type_ = actions_->getOutputHeader().getByPosition(0).type;
    }

    std::vector<std::string> requiredColumns() const override { return required_; }
    DataTypePtr resultType() const override { return result_type_; }
    std::string text() const override { return text_; }
    bool isMonotonic() const override { return monotonic_; }

    ColumnPtr evaluate(const Block & block) const override
    {
        Block result = actions_->execute(block);
        ColumnPtr column = convertToFullColumnIfConst(result.getByPosition(0).column);
        if (column->size() != block.rows())
            throw Exception(ErrorCode::LOGICAL_ERROR, "Expression " + text_ + " returned a wrong number of rows");
        return column;
    }

private:
    std::shared_ptr<ExpressionActions> actions_;
    std::string text_;
    bool monotonic_;
    std::vector<std::string> required_;
    DataTypePtr result_type_;
};

/// A bare column, or a chain of functions over one column that ClickHouse treats as monotonic
/// for key analysis (toDate(ts), toStartOfHour(ts), toYYYYMM(ts), ...).
bool looksMonotonic(const ASTPtr & ast)
{
    if (ast->as<ASTIdentifier>())
        return true;
    static const std::set<std::string> monotonic = {"toDate", "toDate32", "toDateTime", "toStartOfHour", "toStartOfDay", "toStartOfMinute",
                                                    "toStartOfMonth", "toStartOfWeek", "toStartOfYear", "toMonday", "toYYYYMM", "toYYYYMMDD",
                                                    "toStartOfFiveMinutes", "toStartOfFifteenMinutes", "toStartOfInterval", "toUnixTimestamp"};
    const auto * function = ast->as<ASTFunction>();
    if (!function || function->arguments.empty() || !monotonic.contains(function->name))
        return false;
    return looksMonotonic(function->arguments[0]);
}

} // namespace

StorageExpressionPtr compileStorageExpression(const ASTPtr & expression, const Block & table_header)
{
    auto actions = std::make_shared<ExpressionActions>();
    AliasMap no_aliases;
    ExpressionBinder binder(*actions, table_header, no_aliases);
    std::string text = formatAST(*expression);
    binder.bindOutput(expression, text);
    return std::make_shared<StorageExpressionFromActions>(std::move(actions), std::move(text), looksMonotonic(expression));
}

} // namespace pipit
