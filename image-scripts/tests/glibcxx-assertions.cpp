// Built with -D_GLIBCXX_ASSERTIONS -Wl,--as-needed: the checked std::array operator[] must
// link and run against the image's libstdc++ (pypa/manylinux#1760).
#include <array>
#include <cstdio>

int main() {
    std::array<int, 3> sides = {3, 4, 5};
    std::printf("%d\n", sides[0] * sides[1] + sides[2] * 6);
    return 0;
}
