from typing import List, Dict, Optional, Any, Callable
import typing
def total(values: List[int], scale: float = 1.0) -> float:
    return sum(values) * scale
count: int = 3
names: Dict[str, Optional[int]] = {"a": None}
class Item:
    name: str
    price: float = 9.5
    def __init__(self, name: str) -> None:
        self.name = name
def apply(f: Callable[[int], int], x: Any) -> Any:
    return f(x)
print(total([1, 2, 3], scale=2), count, names, Item("x").name, Item.price, apply(lambda v: v + 1, 4))
print(typing.TYPE_CHECKING)
if __name__ == "__main__":
    print("main guard works")
