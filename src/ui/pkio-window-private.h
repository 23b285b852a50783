/* pkio-window-private.h
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

#include "pkio-window.h"

G_BEGIN_DECLS

/* For tests: the idle timeout without waiting minutes. */
void     pkio_window_set_idle_unit          (PkioWindow *self,
                                             guint       unit_ms);
gboolean pkio_window_is_idle_warning_shown  (PkioWindow *self);
void     pkio_window_note_activity          (PkioWindow *self);

G_END_DECLS
