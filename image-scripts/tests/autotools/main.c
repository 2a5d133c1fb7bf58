/* The program half of the autotools check: prints what the libtool library returns. */
#include <stdio.h>

int fleet_answer(void);

int main(void) {
    printf("%d\n", fleet_answer());
    return 0;
}
