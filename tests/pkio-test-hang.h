/* pkio-test-hang.h
 *
 * Copyright 2026 The Pkio Authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <http://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* How long a test waits for something that must happen. It only ends a hung
 * test, so it is far beyond what any healthy machine needs, loaded or under
 * ASan: no test may fail because the machine is slow. */
#ifndef PKIO_TEST_HANG_SECONDS
#define PKIO_TEST_HANG_SECONDS 90
#endif
