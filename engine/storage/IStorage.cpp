#include "engine/storage/IStorage.h"

#include "engine/base/Exception.h"

namespace pipit
{

namespace
{

/// IKeyCondition::prepareRanges's default: Field vectors reused across checks.
class FieldKeyRangeChecker final : public IKeyRangeChecker
{
public:
    FieldKeyRangeChecker(const IKeyCondition & condition, const Columns & key_columns)
        : condition_(condition)
        , key_columns_(key_columns)
        , left_(key_columns.size())
        , right_(key_columns.size())
    {
    }

    bool mayBeTrueInRange(size_t left_row, size_t right_row) const override
    {
        for (size_t i = 0; i < key_columns_.size(); ++i)
        {
            left_[i] = (*key_columns_[i])[left_row];
            right_[i] = (*key_columns_[i])[right_row];
        }
        return condition_.mayBeTrueInRange(left_, right_);
    }

private:
    const IKeyCondition & condition_;
    Columns key_columns_;
    mutable std::vector<Field> left_;
    mutable std::vector<Field> right_;
};

} // namespace

std::unique_ptr<IKeyRangeChecker> IKeyCondition::prepareRanges(const Columns & key_columns) const
{
    return std::make_unique<FieldKeyRangeChecker>(*this, key_columns);
}

void IStorage::replaceRows(const std::vector<Block> & /*blocks*/, const IStorageExpression * /*predicate*/, bool /*durable*/)
{
    throw Exception(ErrorCode::NOT_IMPLEMENTED, "Atomic replace is not supported yet by the " + getEngineName() + " engine");
}

} // namespace pipit
