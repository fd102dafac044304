#include "engine/columns/ColumnMap.h"

#include "engine/base/Check.h"
#include "engine/base/Exception.h"

namespace pipit
{

ColumnMap::ColumnMap(MutableColumnPtr nested_array_of_tuple)
    : nested_(std::dynamic_pointer_cast<ColumnArray>(nested_array_of_tuple))
{
    CHECK(nested_ != nullptr);
    const auto * tuple = dynamic_cast<const ColumnTuple *>(&nested_->getData());
    CHECK(tuple != nullptr && tuple->tupleSize() == 2);
}

std::shared_ptr<ColumnMap> ColumnMap::create(MutableColumnPtr keys, MutableColumnPtr values, MutableColumnPtr offsets)
{
    MutableColumns elements;
    elements.push_back(std::move(keys));
    elements.push_back(std::move(values));
    return create(ColumnArray::create(ColumnTuple::create(std::move(elements)), std::move(offsets)));
}

Field ColumnMap::operator[](size_t n) const
{
    Field array = (*nested_)[n];
    return Field(FieldMap {std::move(array.get<FieldArray>().values)});
}

void ColumnMap::insert(const Field & value)
{
    const auto * map = value.tryGet<FieldMap>();
    if (!map)
        throw Exception(ErrorCode::BAD_TYPE_OF_FIELD, "Value " + value.dump() + " cannot be inserted into a column Map");
    nested_->insert(Field(FieldArray {map->entries}));
}

} // namespace pipit
