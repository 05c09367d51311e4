fn main() {
    pb_backups_panel::mount();
}
