/* pkio-country-drop-down.h
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

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A searchable country picker for GTK 4.8 (AdwComboRow gains search only in
 * libadwaita 1.4): ISO 3166-1 codes from iso-codes, shown by their names in
 * the user's language and sorted as the user reads them. */

GtkWidget  *pkio_country_drop_down_new      (const char  *accessible_label,
                                             gboolean     with_none);
const char *pkio_country_drop_down_get_code (GtkDropDown *dropdown);
void        pkio_country_drop_down_set_code (GtkDropDown *dropdown,
                                             const char  *code);

typedef void (*PkioDropDownChosenFunc) (GtkDropDown *dropdown,
                                        gpointer     data);

void        pkio_drop_down_set_chosen_func  (GtkDropDown            *dropdown,
                                             PkioDropDownChosenFunc  func,
                                             gpointer                data);

G_END_DECLS
